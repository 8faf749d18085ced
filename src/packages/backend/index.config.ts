export default definePageConfig({ navigationBarTitleText: '演示后台' })
