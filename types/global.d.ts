/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5'
    /** 'mock' (default, the embedded backend) or the base URL of a real adapter. */
    TARO_APP_BACKEND?: string
  }
}
