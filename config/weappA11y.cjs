// A Taro plugin for the weapp build. Taro's templates bind only the attributes it knows for each
// built-in component, and aria-* are not among them: WeChat's screen reader would never receive
// the roles and labels the pages set (tappable views, amounts read as "400元"). This adds them.
const VIEW = { 'aria-role': '', 'aria-label': '', 'aria-checked': '', 'aria-disabled': '' }
const BUTTON = { 'aria-label': '' }

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      platform.template.mergeComponents(ctx, { View: VIEW, Button: BUTTON })
    },
  })
}
