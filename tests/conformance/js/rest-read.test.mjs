// supabase-js reads against /rest/v1: select grammar, embeds, filters, order, paging, counts, formats.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { client } from './support/env.mjs'

const anon = client()
const ids = ({ data, error }) => {
  assert.equal(error, null)
  return data.map((row) => row.id)
}

test('columns, aliases, casts and JSON paths', async () => {
  const { data, error } = await anon.from('authors')
    .select('name, country:profile->>country, hugo:profile->awards->hugo, first:profile->langs->>0, born::text')
    .eq('id', 3)
  assert.equal(error, null)
  assert.deepEqual(data, [{ name: 'Stanislaw Lem', country: 'PL', hugo: 0, first: 'pl', born: '1921-09-12' }])
})

test('many-to-one, one-to-many, many-to-many and self-referencing embeds', async () => {
  const books = await anon.from('books')
    .select('title, writer:authors!author_id(name), tags(name)')
    .eq('id', 2).order('name', { referencedTable: 'tags' })
  assert.deepEqual(books.data, [{
    title: 'The Left Hand of Darkness', writer: { name: 'Ursula Le Guin' }, tags: [{ name: 'hugo' }, { name: 'nebula' }],
  }])
  const authors = await anon.from('authors')
    .select('name, mentor:mentor_id(name), books!author_id(title)')
    .eq('id', 1).order('id', { referencedTable: 'books', ascending: false }).limit(1, { referencedTable: 'books' })
  assert.deepEqual(authors.data, [{ name: 'Ursula Le Guin', mentor: null, books: [{ title: 'The Left Hand of Darkness' }] }])
})

test('inner embeds and filters on embedded resources', async () => {
  const inner = await anon.from('authors').select('id, books!author_id!inner(title)').eq('books.pages', 183)
  assert.deepEqual(inner.data, [{ id: 1, books: [{ title: 'A Wizard of Earthsea' }] }])
  const presence = await anon.from('books').select('id, tags(name)')
    .or('name.eq.translated,name.eq.nebula', { referencedTable: 'tags' }).not('tags', 'is', null).order('id')
  assert.deepEqual(ids(presence), [1, 2, 4])
})

test('ambiguous and unknown embeds are errors', async () => {
  const ambiguous = await anon.from('books').select('authors(name)')
  assert.equal(ambiguous.status, 300)
  assert.equal(ambiguous.error.code, 'PGRST201')
  const unknown = await anon.from('books').select('reading_slots(id)')
  assert.equal(unknown.status, 400)
  assert.equal(unknown.error.code, 'PGRST200')
})

const filterCases = [
  ['eq', (q) => q.eq('pages', 264), [3]],
  ['neq', (q) => q.neq('author_id', 1), [3, 4, 5, 6]],
  ['gt/gte/lt/lte', (q) => q.gt('pages', 180).gte('pages', 183).lt('pages', 300).lte('pages', 264), [1, 3, 4]],
  ['like/ilike', (q) => q.like('title', '%a%').ilike('title', '%THE%'), [2, 5]],
  ['likeAnyOf', (q) => q.likeAnyOf('title', ['Kin%', 'Sol%']), [3, 4]],
  ['ilikeAllOf', (q) => q.ilikeAllOf('title', ['%the%', '%season%']), [5]],
  ['likeAllOf / ilikeAnyOf', (q) => q.likeAllOf('title', ['%o%', '%a%']).ilikeAnyOf('title', ['a%', 't%']), [1, 2, 5]],
  ['match regex', (q) => q.filter('title', 'match', '^[KS]'), [3, 4]],
  ['imatch regex', (q) => q.filter('title', 'imatch', '^kind'), [3]],
  ['is null', (q) => q.is('in_print', null), [4, 6]],
  ['is true', (q) => q.is('in_print', true), [1, 2, 3]],
  ['isDistinct', (q) => q.isDistinct('in_print', true), [4, 5, 6]],
  ['in', (q) => q.in('title', ['Kindred', 'Solaris', 'A, (tricky) one']), [3, 4]],
  ['not in', (q) => q.not('id', 'in', '(1,2,3,4)'), [5, 6]],
  ['contains', (q) => q.contains('genres', ['scifi', 'classic']), [2, 4]],
  ['containedBy', (q) => q.containedBy('genres', ['fantasy', 'classic']), [1, 5, 6]],
  ['overlaps', (q) => q.overlaps('genres', ['fantasy', 'none']), [1, 5]],
  ['textSearch', (q) => q.textSearch('search', "'wizard' & 'names'", { config: 'english' }), [1]],
  ['textSearch plain', (q) => q.textSearch('search', 'ocean planet', { type: 'plain' }), [4]],
  ['textSearch phrase', (q) => q.textSearch('search', 'winter planet', { type: 'phrase' }), [2]],
  ['textSearch websearch', (q) => q.textSearch('search', '"back in time" -ocean', { type: 'websearch' }), [3]],
  ['or with nested and', (q) => q.or('id.eq.6,and(pages.gt.300,in_print.is.false)'), [5, 6]],
  ['not or', (q) => q.not('pages', 'gt', 200).not('pages', 'is', null), [1]],
  ['match object', (q) => q.match({ author_id: 1, pages: 183 }), [1]],
]

for (const [name, build, expected] of filterCases) {
  test(`filter: ${name}`, async () => {
    assert.deepEqual(ids(await build(anon.from('books').select('id').lte('id', 6)).order('id')), expected)
  })
}

test('JSON and range operators', async () => {
  const json = await anon.from('authors').select('id').eq('profile->>country', 'US').gt('profile->awards->hugo', 2).order('id')
  assert.deepEqual(ids(json), [1, 4])
  const contains = await anon.from('authors').select('id').contains('profile', { country: 'PL' })
  assert.deepEqual(ids(contains), [3])
  const slots = anon.from('reading_slots').select('id')
  assert.deepEqual(ids(await slots.rangeLt('pages', '[60,70)')), [1])
  assert.deepEqual(ids(await anon.from('reading_slots').select('id').rangeGt('pages', '[10,30)').order('id')), [2, 3])
  assert.deepEqual(ids(await anon.from('reading_slots').select('id').rangeGte('pages', '[30,45)').order('id')), [2, 3])
  assert.deepEqual(ids(await anon.from('reading_slots').select('id').rangeLte('pages', '[0,130)').order('id')), [1, 2])
  assert.deepEqual(ids(await anon.from('reading_slots').select('id').rangeAdjacent('pages', '[300,310)')), [3])
  assert.deepEqual(ids(await anon.from('reading_slots').select('id').overlaps('pages', '[45,46]').order('id')), [1, 2])
})

test('order with nulls placement and on a to-one embed', async () => {
  const nullsFirst = await anon.from('books').select('id').order('pages', { nullsFirst: true }).limit(2)
  assert.deepEqual(ids(nullsFirst), [6, 1])
  const byAuthor = await anon.from('books').select('id, author:authors!author_id(name)')
    .order('author(name)').order('id', { ascending: false }).limit(3)
  assert.deepEqual(ids(byAuthor), [6, 5, 3])
})

test('limit, range and counts', async () => {
  assert.deepEqual(ids(await anon.from('books').select('id').order('id').range(1, 2)), [2, 3])
  for (const count of ['exact', 'planned', 'estimated']) {
    const { data, count: total, error } = await anon.from('numbers').select('n', { count }).lt('n', 11).limit(3)
    assert.equal(error, null)
    assert.equal(data.length, 3)
    assert.ok(Number.isInteger(total))
    if (count !== 'planned') assert.equal(total, 10)
  }
  const head = await anon.from('books').select('*', { count: 'exact', head: true })
  assert.equal(head.data, null)
  assert.ok(head.count >= 6)
  assert.equal((await anon.from('numbers').select('n')).data.length, 1000)
})

test('single, maybeSingle, csv and a view', async () => {
  assert.deepEqual((await anon.from('books').select('title').eq('id', 4).single()).data, { title: 'Solaris' })
  const many = await anon.from('books').select('title').gt('id', 1).single()
  assert.equal(many.error.code, 'PGRST116')
  assert.equal(many.status, 406)
  const none = await anon.from('books').select('title').eq('id', 999).maybeSingle()
  assert.deepEqual([none.data, none.error], [null, null])
  const tooMany = await anon.from('books').select('title').maybeSingle()
  assert.equal(tooMany.error.code, 'PGRST116')
  const csv = await anon.from('books').select('id,title,in_print').in('id', [1, 4]).order('id').csv()
  assert.equal(csv.data, 'id,title,in_print\n1,"A Wizard of Earthsea",t\n4,Solaris,')
  const view = await anon.from('book_summaries').select('title, author_name').eq('id', 3)
  assert.deepEqual(view.data, [{ title: 'Kindred', author_name: 'Octavia Butler' }])
})

test('exposed and unexposed schemas', async () => {
  const archive = await anon.schema('archive').from('old_books').select('title').order('id')
  assert.deepEqual(archive.data, [{ title: 'Old Tome' }, { title: 'Older Tome' }])
  const hidden = await anon.schema('auth').from('users').select('id')
  assert.equal(hidden.error.code, 'PGRST106')
  const missing = await anon.from('no_such_table').select('*')
  assert.equal(missing.error.code, 'PGRST205')
})
