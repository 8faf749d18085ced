// A Taro plugin for the weapp build. Taro's templates bind only the attributes it knows for each
// built-in component, and aria-* are not among them: WeChat's screen reader would never receive
// the roles and labels the pages set (tappable views, amounts read as "400元"). This adds them to
// the templates and, through weappA11y.runtime.js, to the runtime that fills them in.
const path = require('node:path')
const components = require('./weappA11y.components.json')

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      platform.template.mergeComponents(ctx, components)
      platform.runtimePath = [].concat(platform.runtimePath, path.join(__dirname, 'weappA11y.runtime.js'))
    },
  })
}
