// supabase-js's Auth client: sessions, the user, sign-out scopes, admin calls, generated links, errors.
// Mail-free flows only, so the same file runs against devstack and a real project.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { isAuthApiError } from '@supabase/supabase-js'
import { client } from './support/env.mjs'

const PASSWORD = 'correct horse battery'
const newEmail = () => `js-${randomUUID().slice(0, 12)}@example.com`
const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())

async function signedUp(email = newEmail(), data = {}) {
  const supabase = client()
  const { data: created, error } = await supabase.auth.signUp({ email, password: PASSWORD, options: { data } })
  assert.equal(error, null)
  assert.ok(created.session, 'sign-ups are confirmed at once on this target')
  return { supabase, email, created }
}

test('sign up, sign in, read and update the user, refresh', async () => {
  const { supabase, email, created } = await signedUp(newEmail(), { plan: 'pro' })
  const claims = claimsOf(created.session.access_token)
  assert.equal(claims.role, 'authenticated')
  assert.equal(claims.aud, 'authenticated')
  assert.equal(claims.sub, created.user.id)
  assert.equal(claims.is_anonymous, false)
  assert.ok(claims.session_id)
  const { data: signedIn } = await supabase.auth.signInWithPassword({ email, password: PASSWORD })
  assert.equal(signedIn.user.id, created.user.id)
  const { data: me } = await supabase.auth.getUser()
  assert.equal(me.user.email, email)
  const { data: updated, error } = await supabase.auth.updateUser({ data: { city: 'Pune' } })
  assert.equal(error, null)
  assert.equal(updated.user.user_metadata.city, 'Pune')
  assert.equal(updated.user.user_metadata.plan, 'pro')
  const { data: refreshed } = await supabase.auth.refreshSession()
  assert.notEqual(refreshed.session.refresh_token, signedIn.session.refresh_token)
})

test('a wrong password is an AuthApiError with its code', async () => {
  const { supabase, email } = await signedUp()
  const { data, error } = await supabase.auth.signInWithPassword({ email, password: 'not the password' })
  assert.equal(data.session, null)
  assert.ok(isAuthApiError(error))
  assert.equal(error.status, 400)
  assert.equal(error.code, 'invalid_credentials')
  assert.equal(error.message, 'Invalid login credentials')
})

test('sign-out scopes end the other sessions or this one', async () => {
  const { supabase: here, email } = await signedUp()
  const elsewhere = client()
  await elsewhere.auth.signInWithPassword({ email, password: PASSWORD })
  assert.equal((await here.auth.signOut({ scope: 'others' })).error, null)
  const { error: revoked } = await elsewhere.auth.refreshSession()
  assert.ok(isAuthApiError(revoked))
  assert.equal((await here.auth.getUser()).data.user.email, email)
  assert.equal((await here.auth.signOut({ scope: 'local' })).error, null)
  assert.equal((await here.auth.getSession()).data.session, null)
})

test('admin creates, lists with pagination, reads, bans and deletes users', async () => {
  const admin = client('service').auth.admin
  const { data: made, error } = await admin.createUser({
    email: newEmail(), password: PASSWORD, email_confirm: true,
    user_metadata: { full_name: 'Meera' }, app_metadata: { role: 'instructor' },
  })
  assert.equal(error, null)
  assert.equal(made.user.app_metadata.role, 'instructor')
  await admin.createUser({ email: newEmail(), email_confirm: true })
  const { data: page } = await admin.listUsers({ page: 1, perPage: 1 })
  assert.equal(page.users.length, 1)
  assert.ok(page.total >= 2)
  assert.equal(page.nextPage, 2)
  assert.ok(page.lastPage >= 1)
  const { data: found } = await admin.getUserById(made.user.id)
  assert.equal(found.user.email, made.user.email)
  const { data: banned } = await admin.updateUserById(made.user.id, { ban_duration: '1h' })
  assert.ok(banned.user.banned_until)
  const { error: refused } = await client().auth.signInWithPassword({ email: made.user.email, password: PASSWORD })
  assert.equal(refused.code, 'user_banned')
  assert.equal((await admin.deleteUser(made.user.id, true)).error, null)
  assert.ok((await admin.getUserById(made.user.id)).data.user.deleted_at)
  assert.equal((await admin.deleteUser(made.user.id)).error, null)
  const { error: gone } = await admin.getUserById(made.user.id)
  assert.equal(gone.status, 404)
})

test('a generated magic link code signs the user in', async () => {
  const admin = client('service').auth.admin
  const email = newEmail()
  await admin.createUser({ email, email_confirm: true })
  const { data: link, error } = await admin.generateLink({ type: 'magiclink', email })
  assert.equal(error, null)
  assert.equal(link.properties.verification_type, 'magiclink')
  assert.match(link.properties.action_link, /\/auth\/v1\/verify\?token=/)
  const supabase = client()
  const { data: verified } = await supabase.auth.verifyOtp({ email, token: link.properties.email_otp, type: 'email' })
  assert.equal(verified.user.email, email)
  assert.equal((await supabase.auth.getUser()).data.user.id, link.user.id)
})
