export default definePageConfig({ navigationBarTitleText: '常见问题与服务热线', enableShareAppMessage: true, enableShareTimeline: true })
