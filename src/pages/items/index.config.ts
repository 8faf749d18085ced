export default definePageConfig({ navigationBarTitleText: '选择缴费项目', enableShareAppMessage: true })
