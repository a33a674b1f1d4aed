'use strict'
// One user with two JVM sync clients (the command-line phone) and the real WatermelonDB client, all
// editing the same records offline: in every sync order, all three and the server end identical.
const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const { startServer, token } = require('../lib/server')
const { Client, serverSnapshot } = require('../lib/client')
const { JvmPhone } = require('../lib/jvm-phone')

let server
before(async () => { server = await startServer() })
after(async () => { if (server) await server.stop() })

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function permutations(items) {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

for (const order of permutations(['watermelon', 'jvm1', 'jvm2'])) {
  test(`WatermelonDB and two JVM clients converge (sync order ${order.join(', ')})`, async () => {
    const user = `mixed-${process.pid}-${order.join('-')}`
    const t = token(user)
    const devices = { watermelon: new Client(server, t), jvm1: new JvmPhone(server, user, t), jvm2: new JvmPhone(server, user, t) }
    const { watermelon, jvm1, jvm2 } = devices
    try {
      await watermelon.create('workouts', 'w1', { name: 'Leg day', notes: 'start' })
      await watermelon.create('workouts', 'w2', { name: 'Push day' })
      await watermelon.create('settings', 's1', { key: 'units', value: 'km' })
      await watermelon.sync()
      await jvm1.sync()
      await jvm2.sync()

      // Offline on all three: the same records edited, one deleted, new ones created.
      await watermelon.edit('workouts', 'w1', { name: 'from watermelon' })
      await jvm1.put('workouts', 'w1', { notes: 'from jvm1' })
      await sleep(5)
      await jvm2.put('workouts', 'w1', { name: 'from jvm2' })
      await jvm1.put('settings', 's1', { value: 'mi' })
      await jvm2.remove('workouts', 'w2')
      await watermelon.edit('workouts', 'w2', { notes: 'edited while deleted elsewhere' })
      await jvm1.put('workouts', 'j1', { name: 'created on jvm1' })
      await watermelon.create('workouts', 'm1', { name: 'created on watermelon' })

      for (const name of order) await devices[name].sync()
      for (const name of order) await devices[name].sync()

      const expected = await serverSnapshot(server, t)
      assert.deepStrictEqual(await watermelon.snapshot(), expected)
      assert.deepStrictEqual(await jvm1.snapshot(), expected)
      assert.deepStrictEqual(await jvm2.snapshot(), expected)
      assert.equal(expected.workouts.w2, undefined, 'the delete wins')
      assert.ok(expected.workouts.j1 && expected.workouts.m1)
    } finally {
      jvm1.close()
      jvm2.close()
    }
  })
}
