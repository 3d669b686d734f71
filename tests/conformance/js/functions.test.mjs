// The real supabase-js FunctionsClient against the devstack gateway's edge functions
// (tests/conformance/edge_functions). Run by tests/conformance/test_functions_js.py.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createClient, FunctionsHttpError } from '@supabase/supabase-js'
import WebSocket from 'ws'

const env = process.env

// Node 20 has no WebSocket for the realtime client that createClient builds; `ws` stands in.
function client() {
  return createClient(env.SUPABASE_URL, env.SUPABASE_ANON_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket },
  })
}

test('invoke sends the body with the anon key and parses the JSON answer', async () => {
  const { data, error } = await client().functions.invoke('echo', { body: { course: 'business-basics' } })
  assert.equal(error, null)
  assert.equal(data.method, 'POST')
  assert.equal(data.path, '/echo')
  assert.deepEqual(JSON.parse(data.body), { course: 'business-basics' })
  assert.equal(data.headers.authorization, `Bearer ${env.SUPABASE_ANON_KEY}`)
  assert.match(data.headers['x-client-info'], /supabase-js/)
})

test("a signed-in user's token reaches the function", async () => {
  const headers = { Authorization: `Bearer ${env.USER_TOKEN}` }
  const { data, error } = await client().functions.invoke('echo?page=2', { method: 'GET', headers })
  assert.equal(error, null)
  assert.equal(data.method, 'GET')
  assert.equal(data.query, '?page=2')
  assert.equal(data.headers.authorization, headers.Authorization)
})

test('without a valid JWT the check refuses with 401, unless the function turns verify_jwt off', async () => {
  const headers = { Authorization: 'Bearer not-a-jwt' }
  const refused = await client().functions.invoke('echo', { body: {}, headers })
  assert.ok(refused.error instanceof FunctionsHttpError)
  assert.equal(refused.response.status, 401)
  assert.deepEqual(await refused.response.json(), { code: 401, message: 'Invalid JWT' })
  const open = await client().functions.invoke('open-echo', { body: {}, headers })
  assert.equal(open.error, null)
  assert.equal(open.data.headers.authorization, headers.Authorization)
})

test('an error answer of the function is handed over with its status and body', async () => {
  const { error, response } = await client().functions.invoke('no-such-function', { body: {} })
  assert.ok(error instanceof FunctionsHttpError)
  assert.equal(response.status, 404)
  assert.equal((await response.json()).code, 'NOT_FOUND')
})

test('a streamed answer arrives while the function is still producing it', async () => {
  const size = 4 * 1024 * 1024
  const { data: response, error } = await client().functions.invoke(`echo/stream?size=${size}`, { method: 'GET' })
  assert.equal(error, null)
  const reader = response.body.getReader()
  const first = await reader.read()
  assert.equal(new TextDecoder().decode(first.value).slice(0, 6), 'first\n')
  // Only now may the function send the rest: a buffering relay would never have let `first` through.
  assert.equal((await client().functions.invoke('echo/release', { body: {} })).data, 'released')
  let received = first.value.length
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += chunk.value.length
  assert.equal(received, 6 + size)
})
