'use strict'
// A JVM sync client (the command-line phone, phone-cli/target/fitsync-phone.jar, built on sync-client-jvm)
// as a device beside WatermelonDB clients: each call runs one phone command on the device's own store.
const { execFile } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { TABLES } = require('./client')

const PHONE_JAR = path.resolve(__dirname, '..', '..', 'phone-cli', 'target', 'fitsync-phone.jar')

function run(args, env) {
  return new Promise((resolve, reject) => {
    execFile('java', ['-XX:TieredStopAtLevel=1', '-jar', PHONE_JAR, ...args], { env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && error.code !== 3) reject(new Error(`phone ${args.join(' ')}: ${error.message}\n${stderr}`))
        else resolve({ code: error ? error.code : 0, stdout })
      })
  })
}

class JvmPhone {
  constructor(server, user, token) {
    if (!fs.existsSync(PHONE_JAR)) {
      throw new Error(`${PHONE_JAR} is missing: build it first with ./mvnw -B -q -DskipTests package`)
    }
    this.env = { ...process.env, FITSYNC_PHONE_DATA: fs.mkdtempSync(path.join(os.tmpdir(), 'fitsync-jvm-phone-')),
      FITSYNC_SERVER: server.url, FITSYNC_USER: user, FITSYNC_TOKEN: token }
  }

  async put(table, id, fields) {
    const assignments = Object.entries(fields).map(([k, v]) => `${k}=${v === null ? 'null' : v}`)
    await run(['put', table, id, ...assignments], this.env)
  }

  async remove(table, id) {
    await run(['delete', table, id], this.env)
  }

  async sync() {
    const { code, stdout } = await run(['sync'], this.env)
    if (code !== 0) throw new Error(`JVM phone sync did not finish clean: ${stdout}`)
  }

  /** Every live local record as {table: {id: record}}, in the shape of the WatermelonDB client's snapshot. */
  async snapshot() {
    const out = {}
    const { stdout } = await run(['list'], this.env)
    for (const line of stdout.split('\n').filter((l) => l.trim())) {
      const { _status, _failure, _collection: table, ...record } = JSON.parse(line)
      const full = { id: record.id }
      for (const column of [...TABLES[table].map((c) => c.name), 'created_at', 'updated_at']) {
        full[column] = record[column] === undefined ? null : record[column]
      }
      out[table] = out[table] || {}
      out[table][record.id] = full
    }
    return out
  }

  close() {
    fs.rmSync(this.env.FITSYNC_PHONE_DATA, { recursive: true, force: true })
  }
}

module.exports = { JvmPhone }
