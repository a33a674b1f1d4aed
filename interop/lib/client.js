'use strict'
// A WatermelonDB database (LokiJS adapter, in memory) with FitSync's default collections, and its
// synchronize() wired to a FitSync server the way an app would wire it.
const { Database, Model, appSchema, tableSchema } = require('@nozbe/watermelondb')
const LokiJSAdapter = require('@nozbe/watermelondb/adapters/lokijs').default
const { synchronize } = require('@nozbe/watermelondb/sync')
const logger = require('@nozbe/watermelondb/utils/common/logger').default

logger.silence()

const s = (name) => ({ name, type: 'string', isOptional: true })
const n = (name) => ({ name, type: 'number', isOptional: true })
const b = (name) => ({ name, type: 'boolean', isOptional: true })
const stamps = [{ name: 'created_at', type: 'number' }, { name: 'updated_at', type: 'number' }]

const TABLES = {
  runs: [n('started_at'), n('ended_at'), n('duration_s'), n('distance_m'), s('source'), s('notes'), s('metadata'),
    s('polyline'), n('point_count'), b('overlapping'), s('strava_id')],
  workouts: [s('name'), s('notes'), s('template_id'), s('exercises'), n('started_at'), n('ended_at')],
  workout_templates: [s('name'), s('notes'), s('exercises')],
  body_measurements: [s('kind'), s('unit'), n('value'), n('measured_at')],
  progression_states: [s('exercise'), s('state')],
  settings: [s('key'), s('value')],
  mesocycles: [s('name'), s('status'), s('plan'), n('current_week'), n('weeks'), n('started_at')],
  achievements: [s('kind'), s('data'), n('achieved_at')],
  personal_records: [s('exercise'), s('metric'), s('workout_id'), n('value'), n('achieved_at')],
  daily_entries: [s('date'), n('steps'), n('sleep_min'), n('sleep_quality'), s('notes')],
}

/** Tables whose strategy is server_wins: a client that merges prefers the remote record (API.md). */
const SERVER_WINS = new Set(['mesocycles'])

const schema = appSchema({
  version: 1,
  tables: Object.entries(TABLES).map(([name, columns]) => tableSchema({ name, columns: [...columns, ...stamps] })),
})

const modelClasses = Object.keys(TABLES).map((table) => {
  const cls = class extends Model {}
  cls.table = table
  return cls
})

let counter = 0

function conflictResolver(table, local, remote, resolved) {
  // Records under reserved ids (srv_…) are the server's own, whatever their collection's strategy.
  if (!SERVER_WINS.has(table) && !local.id.startsWith('srv_')) return resolved
  // The server's record wins: take it whole and drop the local edit instead of pushing it back.
  return { ...resolved, ...remote, id: local.id, _status: 'synced', _changed: '' }
}

class Client {
  constructor(server, token, { limit } = {}) {
    this.server = server
    this.token = token
    this.limit = limit
    this.db = new Database({
      adapter: new LokiJSAdapter({ schema, useWebWorker: false, useIncrementalIndexedDB: false,
        dbName: `interop-${process.pid}-${counter++}`,
        // In memory there is nothing to save, and Loki's autosave timer would keep Node from exiting.
        extraLokiOptions: { autosave: false } }),
      modelClasses,
    })
    this.pushes = []
    this.losePushResponses = 0
    this.beforePush = null
  }

  headers() {
    return { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' }
  }

  async pullPage(lastPulledAt, migration) {
    const params = new URLSearchParams({ last_pulled_at: String(lastPulledAt), schema_version: '1',
      migration: JSON.stringify(migration) })
    if (this.limit) params.set('limit', String(this.limit))
    const res = await fetch(`${this.server.url}/api/v1/sync?${params}`, { headers: this.headers() })
    if (!res.ok) throw new Error(`pull ${res.status}: ${await res.text()}`)
    return res.json()
  }

  /** pullChanges: follows has_more pages and merges them into one changes object (last word wins per id). */
  async pullChanges({ lastPulledAt, migration }) {
    const firstSync = !lastPulledAt
    const records = new Map() // table -> Map(id -> record | null for deleted)
    let cursor = lastPulledAt || 0
    let strategy
    for (;;) {
      const page = await this.pullPage(cursor, migration)
      if (page.experimentalStrategy) strategy = page.experimentalStrategy
      for (const [table, changes] of Object.entries(page.changes)) {
        if (!records.has(table)) records.set(table, new Map())
        const byId = records.get(table)
        for (const record of [...changes.created, ...changes.updated]) byId.set(record.id, record)
        for (const id of changes.deleted) byId.set(id, null)
      }
      cursor = page.timestamp
      if (!page.has_more) break
    }
    const changes = {}
    for (const [table, byId] of records) {
      const live = [...byId.values()].filter((r) => r !== null)
      const deleted = [...byId.entries()].filter(([, r]) => r === null).map(([id]) => id)
      changes[table] = firstSync
        ? { created: live, updated: [], deleted: [] }
        : { created: [], updated: live, deleted }
    }
    return strategy ? { changes, timestamp: cursor, experimentalStrategy: strategy } : { changes, timestamp: cursor }
  }

  async pushChanges({ changes, lastPulledAt }) {
    if (this.beforePush) {
      const hook = this.beforePush
      this.beforePush = null
      await hook()
    }
    const res = await fetch(`${this.server.url}/api/v1/sync`, {
      method: 'POST', headers: this.headers(), body: JSON.stringify({ changes, last_pulled_at: lastPulledAt }),
    })
    if (!res.ok) throw new Error(`push ${res.status}: ${await res.text()}`)
    const body = await res.json()
    this.pushes.push(body)
    if (this.losePushResponses > 0) {
      this.losePushResponses--
      throw new Error('response lost (simulated)')
    }
    return { experimentalRejectedIds: body.experimentalRejectedIds }
  }

  sync() {
    return synchronize({
      database: this.db,
      pullChanges: (args) => this.pullChanges(args),
      pushChanges: (args) => this.pushChanges(args),
      conflictResolver,
      sendCreatedAsUpdated: false,
    })
  }

  async create(table, id, fields) {
    await this.db.write(async () => {
      await this.db.get(table).create((r) => {
        r._raw.id = id
        for (const [k, v] of Object.entries(fields)) r._setRaw(k, v)
        r._setRaw('created_at', Date.now())
        r._setRaw('updated_at', Date.now())
      })
    })
  }

  async edit(table, id, fields) {
    await this.db.write(async () => {
      const record = await this.db.get(table).find(id)
      await record.update((r) => {
        for (const [k, v] of Object.entries(fields)) r._setRaw(k, v)
        r._setRaw('updated_at', Date.now())
      })
    })
  }

  async remove(table, id) {
    await this.db.write(async () => {
      const record = await this.db.get(table).find(id)
      await record.markAsDeleted()
    })
  }

  async find(table, id) {
    try {
      const record = await this.db.get(table).find(id)
      return record._status === 'deleted' ? null : record._raw
    } catch (e) {
      return null
    }
  }

  /** Every live local record without its sync bookkeeping, as {table: {id: record}}. */
  async snapshot() {
    const out = {}
    for (const table of Object.keys(TABLES)) {
      const rows = await this.db.get(table).query().fetch()
      for (const row of rows) {
        if (row._status === 'deleted') continue
        const { _status, _changed, ...raw } = row._raw
        out[table] = out[table] || {}
        out[table][raw.id] = raw
      }
    }
    return out
  }
}

/** The server's state for a user as a fresh client sees it (a first sync). */
async function serverSnapshot(server, token) {
  const res = await fetch(`${server.url}/api/v1/sync`, { headers: { Authorization: `Bearer ${token}` } })
  const body = await res.json()
  const out = {}
  for (const [table, changes] of Object.entries(body.changes)) {
    for (const record of changes.created) {
      const full = {}
      for (const column of [...TABLES[table].map((c) => c.name), 'created_at', 'updated_at']) {
        full[column] = record[column] === undefined ? null : record[column]
      }
      out[table] = out[table] || {}
      out[table][record.id] = { id: record.id, ...full }
    }
  }
  return out
}

module.exports = { Client, serverSnapshot, TABLES }
