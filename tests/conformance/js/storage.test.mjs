// supabase-js's Storage client: buckets, uploads (Blob/File as multipart, bytes and text as raw
// bodies), downloads, info, listing, move, copy, remove, signed and public URLs, and the
// `assignments` policies of tests/fixtures/rest_schema/05_storage.sql.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { createClient } from '@supabase/supabase-js'
import { ANON_KEY, SUPABASE_URL, client, clientAs, userToken } from './support/env.mjs'

const service = client('service').storage
const buckets = []

async function scratchBucket(options = {}) {
  const id = `js-${randomUUID().slice(0, 12)}`
  const { data, error } = await service.createBucket(id, options)
  assert.equal(error, null)
  assert.deepEqual(data, { name: id })
  buckets.push(id)
  return id
}

after(async () => {
  for (const id of buckets) {
    await service.emptyBucket(id)
    await service.deleteBucket(id)
  }
})

const text = async (blob) => Buffer.from(await blob.arrayBuffer()).toString()

test('buckets are created, read, listed, updated, emptied and deleted', async () => {
  const id = `js-${randomUUID().slice(0, 12)}`
  await service.createBucket(id, { public: true, fileSizeLimit: '1MB', allowedMimeTypes: ['image/png'] })
  const { data: bucket } = await service.getBucket(id)
  assert.equal(bucket.public, true)
  assert.equal(bucket.file_size_limit, 1_000_000)
  assert.deepEqual(bucket.allowed_mime_types, ['image/png'])
  const { data: listed } = await service.listBuckets({ search: id })
  assert.deepEqual(listed.map((b) => b.id), [id])
  const { data: updated } = await service.updateBucket(id, { public: false, allowedMimeTypes: ['text/*'] })
  assert.equal(updated.message, 'Successfully updated')
  assert.equal((await service.getBucket(id)).data.public, false)
  await service.from(id).upload('a.txt', 'kept', { contentType: 'text/plain' })
  const { error: notEmpty } = await service.deleteBucket(id)
  assert.equal(notEmpty.statusCode, '409')
  assert.equal(notEmpty.message, 'The bucket you tried to delete is not empty')
  assert.equal((await service.emptyBucket(id)).error, null)
  assert.deepEqual(await service.deleteBucket(id), { data: { message: 'Successfully deleted' }, error: null })
  const { error: gone } = await service.getBucket(id)
  assert.equal(gone.statusCode, '404')
})

test('a Blob goes up as multipart, bytes and text as raw bodies, all with type, cache and metadata', async () => {
  const files = service.from(await scratchBucket())
  const blob = new Blob(['<b>hi</b>'], { type: 'text/html' })
  const { data: uploaded, error } = await files.upload('blob.html', blob, { cacheControl: '60', metadata: { by: 'js' } })
  assert.equal(error, null)
  assert.equal(uploaded.fullPath, `${files.bucketId}/blob.html`)
  await files.upload('bytes.bin', new Uint8Array([1, 2, 3]), { contentType: 'application/octet-stream' })
  await files.upload('note.txt', 'plain text', { cacheControl: '120', metadata: { lesson: 2 } })
  const { data: info } = await files.info('blob.html')
  assert.equal(info.contentType, 'text/html')
  assert.equal(info.cacheControl, 'max-age=60')
  assert.deepEqual(info.metadata, { by: 'js' })
  const { data: noteInfo } = await files.info('note.txt')
  assert.equal(noteInfo.contentType, 'text/plain;charset=UTF-8')
  assert.equal(noteInfo.cacheControl, 'max-age=120')
  assert.deepEqual(noteInfo.metadata, { lesson: 2 })
  assert.equal(await text((await files.download('note.txt')).data), 'plain text')
  assert.deepEqual([...new Uint8Array(await (await files.download('bytes.bin')).data.arrayBuffer())], [1, 2, 3])
})

test('an existing key is replaced only by upsert or update', async () => {
  const files = service.from(await scratchBucket())
  await files.upload('essay.txt', 'draft')
  const { error } = await files.upload('essay.txt', 'again')
  assert.equal(error.statusCode, '409')
  assert.equal(error.message, 'The resource already exists')
  await files.upload('essay.txt', 'second', { upsert: true })
  await files.update('essay.txt', 'final')
  assert.equal(await text((await files.download('essay.txt')).data), 'final')
  assert.equal((await files.exists('essay.txt')).data, true)
  assert.equal((await files.exists('nothing.txt')).data, false)
})

test('listing takes a prefix, limit, offset, sort and search', async () => {
  const files = service.from(await scratchBucket())
  for (const path of ['week/1.txt', 'week/2.txt', 'week/sub/3.txt', 'top.txt']) await files.upload(path, path)
  assert.deepEqual((await files.list()).data.map((entry) => entry.name), ['top.txt', 'week'])
  assert.deepEqual((await files.list('week')).data.map((entry) => entry.name), ['1.txt', '2.txt', 'sub'])
  const page = await files.list('week', { limit: 1, offset: 1, sortBy: { column: 'name', order: 'desc' } })
  assert.deepEqual(page.data.map((entry) => entry.name), ['2.txt'])
  assert.deepEqual((await files.list('week', { search: '1' })).data.map((entry) => entry.name), ['1.txt'])
})

test('move, copy and remove', async () => {
  const files = service.from(await scratchBucket())
  await files.upload('inbox/a.txt', 'moving')
  assert.equal((await files.move('inbox/a.txt', 'archive/a.txt')).data.message, 'Successfully moved')
  const { data: copied } = await files.copy('archive/a.txt', 'copies/a.txt')
  assert.equal(copied.path, `${files.bucketId}/copies/a.txt`)
  const { data: removed } = await files.remove(['archive/a.txt', 'copies/a.txt', 'never.txt'])
  assert.deepEqual(removed.map((row) => row.name).sort(), ['archive/a.txt', 'copies/a.txt'])
})

test('signed URLs, signed uploads and public URLs', async () => {
  const id = await scratchBucket()
  const files = service.from(id)
  await files.upload('deck.pdf', new Blob(['%PDF'], { type: 'application/pdf' }))
  const { data: signed } = await files.createSignedUrl('deck.pdf', 60, { download: 'slides.pdf' })
  const viaLink = await fetch(signed.signedUrl)
  assert.equal(await viaLink.text(), '%PDF')
  assert.match(viaLink.headers.get('content-disposition'), /^attachment; filename=slides\.pdf/)
  const { data: several } = await files.createSignedUrls(['deck.pdf', 'none.pdf'], 60)
  assert.equal(await (await fetch(several[0].signedUrl)).text(), '%PDF')
  assert.equal(several[1].error, 'Either the object does not exist or you do not have access to it')
  const { data: grant } = await files.createSignedUploadUrl('drop/form.txt')
  const { data: dropped } = await files.uploadToSignedUrl('drop/form.txt', grant.token, new Blob(['filled']))
  assert.equal(dropped.fullPath, `${id}/drop/form.txt`)
  assert.equal(await text((await files.download('drop/form.txt')).data), 'filled')
  const publicUrl = files.getPublicUrl('deck.pdf').data.publicUrl
  assert.equal((await (await fetch(publicUrl)).json()).statusCode, '404')
  await service.updateBucket(id, { public: true })
  assert.equal(await (await fetch(publicUrl)).text(), '%PDF')
})

test('bucket limits refuse large files and other types', async () => {
  const files = service.from(await scratchBucket({ fileSizeLimit: 4, allowedMimeTypes: ['text/plain'] }))
  const tooLarge = await files.upload('big.txt', new Blob(['12345'], { type: 'text/plain' }))
  assert.equal(tooLarge.error.statusCode, '413')
  const wrongType = await files.upload('a.png', new Blob(['png'], { type: 'image/png' }))
  assert.equal(wrongType.error.message, 'mime type image/png is not supported')
})

test('student A cannot touch student B\'s assignments; an admin reads them; anon sees nothing', async () => {
  const [a, b] = [randomUUID(), randomUUID()]
  const mine = clientAs(a).storage.from('assignments')
  const theirs = clientAs(b).storage.from('assignments')
  const headers = { Authorization: `Bearer ${userToken(randomUUID(), '', { role: 'admin' })}` }
  const admin = createClient(SUPABASE_URL, ANON_KEY, { global: { headers }, auth: { persistSession: false } })
  const anon = client().storage.from('assignments')
  try {
    assert.equal((await mine.upload(`${a}/essay.txt`, 'A')).error, null)
    assert.equal((await theirs.upload(`${b}/essay.txt`, 'B')).error, null)
    assert.equal((await mine.upload(`${b}/planted.txt`, 'x')).error.statusCode, '403')
    assert.equal((await mine.download(`${b}/essay.txt`)).error.statusCode, '404')
    assert.deepEqual((await mine.list(b)).data, [])
    assert.equal((await mine.createSignedUrl(`${b}/essay.txt`, 60)).error.statusCode, '404')
    assert.equal((await mine.move(`${b}/essay.txt`, `${a}/taken.txt`)).error.statusCode, '404')
    assert.equal((await mine.copy(`${a}/essay.txt`, `${b}/planted.txt`)).error.statusCode, '403')
    assert.deepEqual((await mine.remove([`${b}/essay.txt`])).data, [])
    assert.equal(await text((await admin.storage.from('assignments').download(`${b}/essay.txt`)).data), 'B')
    assert.deepEqual((await anon.list(b)).data, [])
    assert.equal((await anon.download(`${b}/essay.txt`)).error.statusCode, '404')
    assert.equal(await text((await theirs.download(`${b}/essay.txt`)).data), 'B')
  } finally {
    await service.from('assignments').remove([`${a}/essay.txt`, `${b}/essay.txt`])
  }
})
