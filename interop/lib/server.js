'use strict'
// Starts the real FitSync server (app/target/fitsync.jar) on a free port with a temporary data
// directory and a fixed JWT secret, and signs tokens for it.
const { spawn } = require('node:child_process')
const crypto = require('node:crypto')
const fs = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')

const SECRET = 'fitsync-interop-secret-0123456789-abcdefghijkl'
const JAR = path.resolve(__dirname, '..', '..', 'app', 'target', 'fitsync.jar')

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function base64url(data) {
  return Buffer.from(data).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
}

function token(user, ttlSeconds = 3600) {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const now = Math.floor(Date.now() / 1000)
  const payload = base64url(JSON.stringify({ sub: user, iat: now, exp: now + ttlSeconds }))
  const signature = crypto.createHmac('sha256', Buffer.from(SECRET, 'utf8')).update(`${header}.${payload}`).digest()
  return `${header}.${payload}.${base64url(signature)}`
}

async function startServer({ heap = '256m', env = {}, jar = JAR } = {}) {
  if (!fs.existsSync(jar)) {
    throw new Error(`${jar} is missing: build it first with ./mvnw -B -q -DskipTests package`)
  }
  const port = await freePort()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitsync-interop-'))
  const child = spawn('java', [`-Xmx${heap}`, '-jar', jar, 'serve'], {
    env: { ...process.env, FITSYNC_PORT: String(port), FITSYNC_DATA_DIR: dataDir, FITSYNC_JWT_SECRET: SECRET,
      FITSYNC_LOG_LEVEL: 'WARN', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (d) => { output += d })
  child.stderr.on('data', (d) => { output += d })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}:\n${output}`)
    }
    try {
      const res = await fetch(`${url}/health/ready`)
      if (res.status === 200) break
    } catch (e) { /* not up yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not become ready:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

module.exports = { startServer, token, freePort }
