// The first-run set-up's decisions: what a newcomer without Chromium (or without root) meets.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { planInstall } from '../../scripts/setup.mjs'

test('nothing missing: nothing is run', () => {
  assert.deepEqual(planInstall([], { isRoot: false, hasSudo: false }), { action: 'none' })
})

test('as root: apt-get update, then install exactly the missing packages', () => {
  const plan = planInstall(['chromium', 'fonts-wqy-zenhei'], { isRoot: true, hasSudo: false })
  assert.equal(plan.action, 'run')
  assert.deepEqual(plan.commands[0], ['apt-get', 'update', '-qq'])
  assert.deepEqual(plan.commands[1], ['apt-get', 'install', '-y', '-qq', 'chromium', 'fonts-wqy-zenhei'])
})

test('not root, password-less sudo: the same through sudo -n (never a password prompt)', () => {
  const plan = planInstall(['postgresql'], { isRoot: false, hasSudo: true })
  assert.deepEqual(plan.commands, [
    ['sudo', '-n', 'apt-get', 'update', '-qq'],
    ['sudo', '-n', 'apt-get', 'install', '-y', '-qq', 'postgresql'],
  ])
})

test('neither: one line that says what to install', () => {
  const plan = planInstall(['chromium'], { isRoot: false, hasSudo: false })
  assert.equal(plan.action, 'tell')
  assert.match(plan.message, /sudo apt-get install -y chromium$/)
})
