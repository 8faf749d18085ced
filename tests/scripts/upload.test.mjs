// The release upload refuses to start without its settings and names each missing one.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { checkSettings } from '../../scripts/upload-weapp.mjs'

const SCRIPT = fileURLToPath(new URL('../../scripts/upload-weapp.mjs', import.meta.url))
const built = () => true

test('without any setting the script exits non-zero and names the AppID and the key', () => {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME }
  const { status, stderr } = spawnSync(process.execPath, [SCRIPT], { env, encoding: 'utf8' })
  assert.equal(status, 2)
  assert.match(stderr, /WEAPP_APPID is not set/)
  assert.match(stderr, /WEAPP_UPLOAD_KEY_PATH is not set/)
})

test('the DevTools test id and a key path that names no file are refused', () => {
  const problems = checkSettings({ WEAPP_APPID: 'touristappid', WEAPP_UPLOAD_KEY_PATH: '/nowhere/key' }, (p) => !p.startsWith('/nowhere'))
  assert.equal(problems.length, 2)
  assert.match(problems[0], /touristappid cannot upload/)
  assert.match(problems[1], /names no file: \/nowhere\/key/)
})

test('an unbuilt dist/weapp and a robot out of range are named', () => {
  const problems = checkSettings({ WEAPP_APPID: 'wx0123456789abcdef', WEAPP_UPLOAD_KEY_PATH: '/k', WEAPP_ROBOT: '31' }, (p) => p === '/k')
  assert.deepEqual(problems.length, 2)
  assert.match(problems[0], /WEAPP_ROBOT/)
  assert.match(problems[1], /npm run build:weapp/)
})

test('complete settings with a build: nothing to say', () => {
  assert.deepEqual(checkSettings({ WEAPP_APPID: 'wx0123456789abcdef', WEAPP_UPLOAD_KEY_PATH: '/k', WEAPP_ROBOT: '2' }, built), [])
})
