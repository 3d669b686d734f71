// The target under test and ready-made supabase-js clients for each kind of caller.
import { createHmac, randomUUID } from 'node:crypto'
import { createClient } from '@supabase/supabase-js'

function required(name) {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run this suite through pytest or set it by hand`)
  return value
}

export const SUPABASE_URL = required('SUPABASE_URL')
export const ANON_KEY = required('SUPABASE_ANON_KEY')
export const SERVICE_ROLE_KEY = required('SUPABASE_SERVICE_ROLE_KEY')
export const JWT_SECRET = required('SUPABASE_JWT_SECRET')

const base64url = (value) => Buffer.from(value).toString('base64url')

/** An access token for `userId`, signed like Supabase Auth's (HS256, the project's JWT secret);
 * `appMetadata` adds to the provider fields (e.g. `{ role: 'admin' }` for policies that read it). */
export function userToken(userId, email = '', appMetadata = {}) {
  const now = Math.floor(Date.now() / 1000)
  const claims = {
    iss: 'supabase', aud: 'authenticated', sub: userId, email, phone: '', role: 'authenticated',
    aal: 'aal1', amr: [{ method: 'password', timestamp: now }], session_id: randomUUID(),
    is_anonymous: false, app_metadata: { provider: 'email', providers: ['email'], ...appMetadata }, user_metadata: {},
    iat: now, exp: now + 3600,
  }
  const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`
  return `${unsigned}.${createHmac('sha256', JWT_SECRET).update(unsigned).digest('base64url')}`
}

const noSession = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } }

/** A client with the anon key, the service-role key, or a user's access token. */
export function client(kind = 'anon', options = {}) {
  const key = kind === 'service' ? SERVICE_ROLE_KEY : ANON_KEY
  return createClient(SUPABASE_URL, key, { ...noSession, ...options })
}

export function clientAs(userId, options = {}) {
  const headers = { Authorization: `Bearer ${userToken(userId)}` }
  return createClient(SUPABASE_URL, ANON_KEY, { ...noSession, ...options, global: { headers } })
}
