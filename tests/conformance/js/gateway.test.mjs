// The key gate in front of every API: requests without a known apikey are refused.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createClient } from '@supabase/supabase-js'
import { SUPABASE_URL } from './support/env.mjs'

test('an unknown apikey is refused with 401', async () => {
  const stranger = createClient(SUPABASE_URL, 'not-a-key', { auth: { persistSession: false } })
  const { error, status } = await stranger.from('books').select('id')
  assert.equal(status, 401)
  assert.ok(error)
})
