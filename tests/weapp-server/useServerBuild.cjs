// The tier-2 journeys against the server run on the weapp built with the HTTP adapter.
process.env.WEAPP_DIST ??= require('node:path').resolve(__dirname, '../../dist/weapp-server')
