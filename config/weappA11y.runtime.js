// The runtime half of weappA11y.cjs. Taro shortens attribute names to p0, p1… by their place in
// each component's list, so the runtime must list the same aria-* attributes as the templates do
// (or every attribute after them lands in the wrong one: a button's `disabled` read as another).
import { mergeInternalComponents } from '@tarojs/shared'
import components from './weappA11y.components.json'

mergeInternalComponents(components)
