// `npm run upload:weapp`: uploads dist/weapp to the WeChat 公众平台 as a development version, with
// miniprogram-ci (the DevTools uploader without the DevTools). It needs, from the environment:
//
//   WEAPP_APPID             the mini-program's AppID (wx…; not the DevTools test id touristappid)
//   WEAPP_UPLOAD_KEY_PATH   the 代码上传密钥 file (公众平台 → 开发 → 开发管理 → 开发设置; the machine's
//                           IP must be on that page's IP whitelist)
//   WEAPP_VERSION           optional, defaults to package.json's version
//   WEAPP_DESC              optional 备注, defaults to the last commit's subject
//   WEAPP_ROBOT             optional CI robot 1–30 (each robot keeps its own development version)
//
// Build first with the backend the release speaks to (README "Releasing to WeChat"). Without the
// settings it says exactly what is missing and exits non-zero; it never prints the key.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DIST = join(ROOT, 'dist/weapp')

/** What is missing or wrong in the settings, one line each; empty when an upload can start. */
export function checkSettings(env, exists = existsSync) {
  const problems = []
  const appid = env.WEAPP_APPID ?? ''
  if (appid === '') problems.push('WEAPP_APPID is not set: the AppID from 公众平台 → 开发 → 开发管理 (wx followed by 16 characters)')
  else if (!/^wx[0-9a-f]{16}$/.test(appid)) problems.push(`WEAPP_APPID "${appid}" is not an AppID (wx followed by 16 hex characters; touristappid cannot upload)`)
  const key = env.WEAPP_UPLOAD_KEY_PATH ?? ''
  if (key === '') problems.push('WEAPP_UPLOAD_KEY_PATH is not set: the path of the 代码上传密钥 file downloaded from 公众平台 → 开发设置')
  else if (!exists(key)) problems.push(`WEAPP_UPLOAD_KEY_PATH names no file: ${key}`)
  if (env.WEAPP_ROBOT !== undefined && !/^([1-9]|[12][0-9]|30)$/.test(env.WEAPP_ROBOT)) problems.push('WEAPP_ROBOT must be a number from 1 to 30')
  if (!exists(join(DIST, 'app.json'))) problems.push('dist/weapp is not built: run `npm run build:weapp` first')
  return problems
}

async function main() {
  const problems = checkSettings(process.env)
  if (problems.length > 0) {
    console.error(`✘ cannot upload to WeChat:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    process.exit(2)
  }
  const { default: ci } = await import('miniprogram-ci')
  const version = process.env.WEAPP_VERSION || JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version
  const desc = process.env.WEAPP_DESC || execFileSync('git', ['log', '-1', '--format=%s'], { cwd: ROOT, encoding: 'utf8' }).trim().slice(0, 200)
  const project = new ci.Project({
    appid: process.env.WEAPP_APPID,
    type: 'miniProgram',
    // project.config.json (its miniprogramRoot names dist/weapp/) is in the repository root.
    projectPath: ROOT,
    privateKeyPath: process.env.WEAPP_UPLOAD_KEY_PATH,
    ignores: ['node_modules/**/*'],
  })
  // The build is already minified and targets the project's browserslist: upload it as it is.
  const result = await ci.upload({
    project,
    version,
    desc,
    robot: process.env.WEAPP_ROBOT ? Number(process.env.WEAPP_ROBOT) : undefined,
    setting: { es6: false, es7: false, minify: false, autoPrefixWXSS: false },
  })
  console.log(`✔ uploaded version ${version} (${desc}); set it as 体验版 or submit it for review in 公众平台 → 版本管理`)
  console.log(JSON.stringify(result.subPackageInfo ?? [], null, 2))
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`✘ upload failed: ${error.message}`)
    process.exit(1)
  })
}
