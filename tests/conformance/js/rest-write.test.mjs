// supabase-js writes against /rest/v1: insert, bulk, upsert, update, delete, counts, RPC and RLS.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { client, clientAs } from './support/env.mjs'

const anon = client()
const service = client('service')
const marker = `js-${randomUUID().slice(0, 8)}`
const READER_A = '00000000-0000-4000-8000-00000000000a'
const READER_B = '00000000-0000-4000-8000-00000000000b'
const ok = ({ data, error }) => {
  assert.equal(error, null)
  return data
}

after(async () => {
  await service.from('books').delete().like('title', `${marker}%`)
  await service.from('tags').delete().in('id', [190, 191])
})

test('insert returns nothing by default and rows with select()', async () => {
  const minimal = await service.from('books').insert({ title: `${marker} quiet`, author_id: 1 })
  assert.deepEqual([minimal.status, minimal.data, minimal.error], [201, null, null])
  const rows = ok(await service.from('books').insert({ title: `${marker} loud`, author_id: 3 })
    .select('title, author:authors!author_id(name)'))
  assert.deepEqual(rows, [{ title: `${marker} loud`, author: { name: 'Stanislaw Lem' } }])
})

test('bulk insert with defaultToNull false uses column defaults', async () => {
  const rows = [{ title: `${marker} a`, author_id: 1, price_paise: 100 }, { title: `${marker} b`, author_id: 1 }]
  const asNull = await service.from('books').insert(rows)
  assert.equal(asNull.error.code, '23502')
  const { data, count, error } = await service.from('books').insert(rows, { count: 'exact', defaultToNull: false }).select('price_paise')
  assert.equal(error, null)
  assert.equal(count, 2)
  assert.deepEqual(data.map((r) => r.price_paise).sort((x, y) => x - y), [0, 100])
})

test('upsert merges on a conflict column or ignores duplicates', async () => {
  const first = ok(await service.from('books').upsert({ title: `${marker} v1`, author_id: 2, isbn: marker }, { onConflict: 'isbn' }).select())
  const merged = ok(await service.from('books').upsert({ title: `${marker} v2`, author_id: 2, isbn: marker }, { onConflict: 'isbn' }).select())
  assert.equal(merged[0].id, first[0].id)
  const ignored = ok(await service.from('books')
    .upsert({ title: `${marker} v3`, author_id: 2, isbn: marker }, { onConflict: 'isbn', ignoreDuplicates: true }).select())
  assert.deepEqual(ignored, [])
  ok(await service.from('tags').upsert([{ id: 190, name: 'one' }, { id: 191, name: 'two' }]))
  ok(await service.from('tags').upsert({ id: 190, name: 'uno' }))
  assert.deepEqual(ok(await anon.from('tags').select().in('id', [190, 191]).order('id')), [{ id: 190, name: 'uno' }, { id: 191, name: 'two' }])
})

test('update and delete with filters, counts and select', async () => {
  ok(await service.from('books').insert([0, 1, 2].map((i) => ({ title: `${marker} u${i}`, author_id: 4 }))))
  const updated = await service.from('books').update({ pages: 42 }, { count: 'exact' })
    .like('title', `${marker} u%`).neq('title', `${marker} u0`).select('pages')
  assert.equal(updated.count, 2)
  assert.deepEqual(updated.data, [{ pages: 42 }, { pages: 42 }])
  const deleted = await service.from('books').delete({ count: 'exact' }).eq('title', `${marker} u1`).select('title')
  assert.deepEqual([deleted.count, deleted.data], [1, [{ title: `${marker} u1` }]])
  const quiet = await service.from('books').delete().eq('title', `${marker} u2`)
  assert.deepEqual([quiet.status, quiet.error], [204, null])
})

test('maxAffected refuses to touch more rows than allowed', async () => {
  ok(await service.from('books').insert([0, 1].map((i) => ({ title: `${marker} m${i}`, author_id: 4 }))))
  const refused = await service.from('books').update({ pages: 1 }).like('title', `${marker} m%`).maxAffected(1)
  assert.equal(refused.error.code, 'PGRST124')
})

test('errors: unknown column, unique and foreign key violations', async () => {
  assert.equal((await service.from('books').insert({ title: 'x', author_id: 1, colour: 'red' })).error.code, 'PGRST204')
  const unique = await service.from('tags').insert({ id: 1, name: 'dup' })
  assert.deepEqual([unique.status, unique.error.code], [409, '23505'])
  const foreign = await service.from('loans').insert({ reader_id: READER_A, book_id: 99999 })
  assert.deepEqual([foreign.status, foreign.error.code], [409, '23503'])
})

test('rpc: scalar, row, set with filters, table, get, head, void and errors', async () => {
  assert.equal(ok(await anon.rpc('add', { a: 2, b: 3 })), 5)
  assert.equal(ok(await anon.rpc('add', { a: 2, b: 40 }, { get: true })), 42)
  assert.equal(ok(await anon.rpc('author_by_name', { author_name: 'Octavia Butler' })).id, 2)
  const set = ok(await anon.rpc('books_by_author', { author: 1 }).select('title, author:authors!author_id(name)')
    .gt('pages', 100).order('id', { ascending: false }).limit(1))
  assert.deepEqual(set, [{ title: 'The Left Hand of Darkness', author: { name: 'Ursula Le Guin' } }])
  const table = await anon.rpc('book_titles', { min_pages: 300 }, { count: 'exact' })
  assert.ok(table.count >= 2 && table.data.length === table.count)
  const head = await anon.rpc('book_titles', {}, { head: true, count: 'exact' })
  assert.ok(head.count >= 6)
  assert.equal(ok(await anon.rpc('sum_all', { vals: [1, 2, 3, 4] })), 10)
  assert.deepEqual(ok(await anon.rpc('echo_body', { any: [1, 'two'] })), { any: [1, 'two'] })
  const voided = await anon.rpc('reset_nothing')
  assert.deepEqual([voided.status, voided.error], [204, null])
  const raised = await anon.rpc('fail_with', { message: 'no seats left' })
  assert.deepEqual([raised.status, raised.error.code, raised.error.hint], [400, 'P0001', 'raised on purpose'])
  assert.equal((await anon.rpc('add', { x: 1 })).error.code, 'PGRST202')
})

test('RLS: reader A never reads, changes or embeds reader B rows', async () => {
  const readerA = clientAs(READER_A)
  assert.deepEqual(ok(await readerA.from('readers').select('name')), [{ name: 'Student A' }])
  assert.deepEqual(ok(await readerA.from('loans').select('note').eq('reader_id', READER_B)), [])
  const [book] = ok(await readerA.from('books').select('loans(reader_id)').eq('id', 1))
  assert.deepEqual([...new Set(book.loans.map((l) => l.reader_id))], [READER_A])
  assert.deepEqual(ok(await readerA.from('loans').update({ note: 'mine' }).eq('reader_id', READER_B).select()), [])
  const forB = await readerA.from('loans').insert({ reader_id: READER_B, book_id: 2 })
  assert.deepEqual([forB.status, forB.error.code], [403, '42501'])
  const anonymous = await anon.from('loans').insert({ reader_id: READER_B, book_id: 2 })
  assert.deepEqual([anonymous.status, anonymous.error.code], [401, '42501'])
  const mine = ok(await clientAs(READER_B).rpc('my_loans'))
  assert.deepEqual([...new Set(mine.map((l) => l.reader_id))], [READER_B])
  assert.deepEqual(ok(await service.from('loans').select('note').eq('reader_id', READER_B)), [{ note: "B's private note" }])
})
