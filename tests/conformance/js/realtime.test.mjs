// The real supabase-js (realtime-js, vsn 2.0.0) against the devstack gateway.
// Run by tests/conformance/test_realtime_js.py, which provides the environment read below.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'

const env = process.env
const WAIT_MS = 15000

function sql(statement) {
  execFileSync(env.PSQL, [env.REALTIME_DB_URL, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', statement])
}

// Node 20's WebSocket (behind --experimental-websocket) never fires `close` when a connection is
// refused, so Phoenix would stop reconnecting; supabase-js asks Node < 22 users to pass `ws` instead.
function client(url = env.SUPABASE_URL) {
  return createClient(url, env.SUPABASE_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket },
  })
}

function inbox() {
  const items = []
  const waiters = []
  const push = (item) => {
    items.push(item)
    for (const waiter of [...waiters]) if (waiter.wanted(item)) waiter.resolve(item)
  }
  push.items = items
  push.next = (wanted = () => true) =>
    new Promise((resolve, reject) => {
      const found = items.find(wanted)
      if (found) return resolve(found)
      const timer = setTimeout(() => reject(new Error(`not received; got ${JSON.stringify(items)}`)), WAIT_MS)
      waiters.push({ wanted, resolve: (item) => { clearTimeout(timer); resolve(item) } })
    })
  return push
}

const settle = (ms = 1000) => new Promise((resolve) => setTimeout(resolve, ms))

async function subscribed(channel) {
  const states = inbox()
  const system = inbox()
  channel.on('system', {}, system)
  channel.subscribe((status, error) => states({ status, error }))
  const state = await states.next((s) => s.status !== 'CLOSED')
  assert.equal(state.status, 'SUBSCRIBED', String(state.error))
  return system
}

async function watchMessages(supabase, event = '*') {
  const changes = inbox()
  const channel = supabase
    .channel(`messages-${Math.random().toString(36).slice(2)}`)
    .on('postgres_changes', { event, schema: 'public', table: 'rt_messages' }, changes)
  const system = await subscribed(channel)
  await system.next((s) => s.message === 'Subscribed to PostgreSQL')
  return changes
}

test('changes arrive typed, filtered by RLS per user, and follow a refreshed token', async () => {
  const [alice, bob] = [env.ALICE_ID, env.BOB_ID]
  const supabase = client()
  await supabase.realtime.setAuth(env.ALICE_TOKEN)
  const changes = await watchMessages(supabase)
  sql(`insert into rt_messages (owner, body, tags, meta, amount) values ('${bob}', 'not for alice', '{}', '{}', 1)`)
  sql(`insert into rt_messages (owner, body, tags, meta, amount) values ('${alice}', 'hello', '{x,y}', '{"k": [1]}', 3.25)`)
  const inserted = await changes.next((c) => c.eventType === 'INSERT')
  assert.equal(inserted.new.body, 'hello')
  assert.deepEqual(inserted.new.tags, ['x', 'y'])
  assert.deepEqual(inserted.new.meta, { k: [1] })
  assert.equal(inserted.new.amount, 3.25)
  assert.equal(inserted.errors, null)
  sql(`update rt_messages set body = 'edited' where owner = '${alice}'`)
  const updated = await changes.next((c) => c.eventType === 'UPDATE')
  assert.deepEqual(updated.old, { id: inserted.new.id })
  sql(`delete from rt_messages where owner = '${alice}'`)
  const deleted = await changes.next((c) => c.eventType === 'DELETE')
  assert.deepEqual(deleted.old, { id: inserted.new.id })
  assert.ok(changes.items.every((c) => c.eventType === 'DELETE' || c.new.owner === alice))

  await supabase.realtime.setAuth(env.BOB_TOKEN)
  await settle(500)
  sql(`insert into rt_messages (owner, body) values ('${alice}', 'alice after refresh')`)
  sql(`insert into rt_messages (owner, body) values ('${bob}', 'bob after refresh')`)
  await changes.next((c) => c.new?.body === 'bob after refresh')
  await settle()
  assert.ok(!changes.items.some((c) => c.new?.body === 'alice after refresh'))
  await supabase.removeAllChannels()
})

test('broadcast with ack and self, and without', async () => {
  const [sender, listener] = [client(), client()]
  const heard = inbox()
  await subscribed(listener.channel('typing').on('broadcast', { event: 'typing' }, heard))
  const echoed = inbox()
  const loud = sender.channel('typing', { config: { broadcast: { ack: true, self: true } } })
  await subscribed(loud.on('broadcast', { event: 'typing' }, echoed))
  assert.equal(await loud.send({ type: 'broadcast', event: 'typing', payload: { who: 'asha' } }), 'ok')
  assert.deepEqual((await heard.next()).payload, { who: 'asha' })
  assert.deepEqual((await echoed.next()).payload, { who: 'asha' })
  const quietEcho = inbox()
  const quiet = sender.channel('quiet')
  await subscribed(quiet.on('broadcast', { event: '*' }, quietEcho))
  assert.equal(await quiet.send({ type: 'broadcast', event: 'ping', payload: {} }), 'ok')
  await settle()
  assert.equal(quietEcho.items.length, 0)
  await sender.removeAllChannels()
  await listener.removeAllChannels()
})

test('presence track and untrack', async () => {
  const [watcherClient, viewerClient] = [client(), client()]
  const joins = inbox()
  const leaves = inbox()
  const watcher = watcherClient
    .channel('conversation-42')
    .on('presence', { event: 'join' }, joins)
    .on('presence', { event: 'leave' }, leaves)
  await subscribed(watcher)
  const viewer = viewerClient.channel('conversation-42', { config: { presence: { key: 'agent-1' } } })
  await subscribed(viewer)
  assert.equal(await viewer.track({ name: 'Ravi' }), 'ok')
  const join = await joins.next((j) => j.key === 'agent-1')
  assert.equal(join.newPresences[0].name, 'Ravi')
  assert.ok(join.newPresences[0].presence_ref)
  assert.equal(watcher.presenceState()['agent-1'][0].name, 'Ravi')
  assert.equal(await viewer.untrack(), 'ok')
  await leaves.next((l) => l.key === 'agent-1')
  await watcherClient.removeAllChannels()
  await viewerClient.removeAllChannels()
})

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function startGateway(port) {
  const args = ['-m', 'devstack', 'gateway', '--port', String(port), '--database', env.REALTIME_DB]
  const child = spawn(env.DEVSTACK_PYTHON, args, { cwd: env.REPO_ROOT, stdio: 'inherit' })
  for (let tries = 0; tries < 300; tries++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child
    } catch {
      await settle(100)
    }
  }
  child.kill()
  throw new Error('gateway did not start')
}

// supabase-js re-sends the session's token (here: none, so the anon key) when it rejoins, so this
// test watches a table without RLS; rejoining with a user's claims is covered with supabase-py.
test('reconnects and rejoins after the gateway restarts', async () => {
  const port = await freePort()
  let gateway = await startGateway(port)
  const supabase = client(`http://127.0.0.1:${port}`)
  try {
    const changes = inbox()
    const system = await subscribed(
      supabase.channel('restart').on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_board' }, changes),
    )
    await system.next((s) => s.message === 'Subscribed to PostgreSQL')
    const exited = new Promise((resolve) => gateway.once('exit', resolve))
    gateway.kill('SIGTERM')
    await exited
    gateway = await startGateway(port)
    await system.next((s) => s !== system.items[0] && s.message === 'Subscribed to PostgreSQL')
    sql(`insert into rt_board (id, label) values (7001, 'after restart')`)
    assert.equal((await changes.next()).new.label, 'after restart')
  } finally {
    await supabase.removeAllChannels()
    gateway.kill('SIGTERM')
  }
})
