export default definePageConfig({ navigationBarTitleText: '缴费标准与缴费时间', enableShareAppMessage: true, enableShareTimeline: true })
