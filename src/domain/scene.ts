/**
 * The `scene` of a 小程序码 poster: at most 32 characters, `key=value` pairs joined by `&`,
 * e.g. `r=510100&c=sq0012` (region 成都, channel: the community poster sq0012).
 * Never carries a person's identity; anything malformed is ignored, an unknown region is reported.
 */
import { findRegion } from './regions'

export interface SceneParams {
  regionCode?: string
  /** A well-formed region code this app does not serve: the home page says so and lets people choose. */
  unknownRegion?: string
  /** Where the code was posted (a community, a hospital, a bank branch), for counting entries. */
  channel?: string
}

const CHANNEL_RE = /^[0-9A-Za-z_-]{1,12}$/
const REGION_CODE_RE = /^\d{6}$/

export const SCENE_MAX_LENGTH = 32

export function parseScene(raw: string | undefined): SceneParams {
  if (!raw) return {}
  let text: string
  try {
    text = decodeURIComponent(raw)
  } catch {
    return {}
  }
  if (text.length > SCENE_MAX_LENGTH) return {}
  const params: SceneParams = {}
  for (const pair of text.split('&')) {
    const [key, value] = pair.split('=')
    if (key === 'r' && value && findRegion(value)) params.regionCode = value
    else if (key === 'r' && value && REGION_CODE_RE.test(value)) params.unknownRegion = value
    if (key === 'c' && value && CHANNEL_RE.test(value)) params.channel = value
  }
  return params
}

export function buildScene(params: SceneParams): string {
  const parts: string[] = []
  if (params.regionCode) parts.push(`r=${params.regionCode}`)
  if (params.channel) parts.push(`c=${params.channel}`)
  return parts.join('&')
}
