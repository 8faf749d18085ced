import fc from 'fast-check'
import { buildScene, parseScene, SCENE_MAX_LENGTH } from './scene'

describe('parseScene', () => {
  it('reads the region and the channel from an encoded scene', () => {
    expect(parseScene(encodeURIComponent('r=350200&c=xm-01'))).toEqual({ regionCode: '350200', channel: 'xm-01' })
  })
  it('records a well-formed channel and drops a malformed one', () => {
    expect(parseScene('r=510100&c=sq0012')).toEqual({ regionCode: '510100', channel: 'sq0012' })
    expect(parseScene('c=<script>')).toEqual({})
  })
  it('reports an unknown region, ignores unknown keys and bad encodings', () => {
    expect(parseScene('r=999999')).toEqual({ unknownRegion: '999999' })
    expect(parseScene('r=51010x')).toEqual({})
    expect(parseScene('x=1&e=admin&c=')).toEqual({})
    expect(parseScene('%E0%A4%A')).toEqual({})
    expect(parseScene(undefined)).toEqual({})
  })
  it('rejects scenes longer than WeChat allows', () => {
    expect(parseScene(`r=510100&c=a&${'x'.repeat(SCENE_MAX_LENGTH)}`)).toEqual({})
  })
  it('round-trips whatever it builds, within the 32-character limit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(undefined, '510100', '510700', '511300', '350100', '350200'),
        fc.option(fc.stringMatching(/^[0-9A-Za-z_-]{1,12}$/), { nil: undefined }),
        (regionCode, channel) => {
          const scene = buildScene({ regionCode, channel })
          expect(scene.length).toBeLessThanOrEqual(SCENE_MAX_LENGTH)
          const parsed = parseScene(encodeURIComponent(scene))
          expect(parsed.regionCode).toBe(regionCode)
          expect(parsed.channel).toBe(channel)
        },
      ),
    )
  })
})
