export default definePageConfig({ navigationBarTitleText: '医保缴费', enableShareAppMessage: true, enableShareTimeline: true })
