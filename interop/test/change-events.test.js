'use strict'
// WatermelonDB apps sync in real time by calling synchronize() when GET /api/v1/sync/events says the
// user's data changed: device B sees device A's push without polling.
const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const { startServer, token } = require('../lib/server')
const { Client } = require('../lib/client')

let server
before(async () => { server = await startServer() })
after(async () => { if (server) await server.stop() })

/** Reads the event stream and calls onEvent(name, data) for each event; returns a function that closes it. */
async function listen(t, onEvent) {
  const controller = new AbortController()
  const res = await fetch(`${server.url}/api/v1/sync/events`, {
    headers: { Authorization: `Bearer ${t}`, Accept: 'text/event-stream' }, signal: controller.signal,
  })
  assert.equal(res.status, 200)
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  ;(async () => {
    let buffer = ''
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const name = (block.match(/^event: (.*)$/m) || [])[1]
          const data = (block.match(/^data: (.*)$/m) || [])[1]
          if (name) onEvent(name, JSON.parse(data))
        }
      }
    } catch (e) { /* aborted */ }
  })()
  return () => controller.abort()
}

test('a changed event makes the other device synchronize() and see the record', async () => {
  const t = token(`events-${process.pid}`)
  const a = new Client(server, t)
  const b = new Client(server, t)
  await a.sync()
  await b.sync()

  let cursor = null
  let seen = null
  let resolveSeen
  const seenIt = new Promise((resolve) => { resolveSeen = resolve })
  const close = await listen(t, async (name, data) => {
    if (name === 'cursor') cursor = data.timestamp
    if (name === 'changed' && cursor !== null && data.timestamp > cursor) {
      cursor = data.timestamp
      await b.sync() // what an app does on "changed"
      seen = await b.find('workouts', 'rt1')
      if (seen) resolveSeen()
    }
  })
  try {
    // The stream starts with a cursor event; A writes after it.
    const deadline = Date.now() + 30_000
    while (cursor === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    assert.notEqual(cursor, null, 'the stream starts with a cursor event')

    await a.create('workouts', 'rt1', { name: 'pushed by A' })
    await a.sync()
    let timer
    const timeout = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('B did not see the record within 30 s')), 30_000)
    })
    await Promise.race([seenIt, timeout]).finally(() => clearTimeout(timer))
  } finally {
    close()
  }
  assert.equal(seen.name, 'pushed by A')
})
