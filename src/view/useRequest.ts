/**
 * One backend request a page shows: loading, the answer, the failure as advice (what happened
 * and what to do), and running it again. Only the latest run's answer is kept: an answer to an
 * earlier run, or one arriving after the page has gone, is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { adviceForError, type Advice } from './advice'

export type RequestState<T> =
  | { status: 'idle'; data?: undefined; failure?: undefined }
  /** `data` is the previous answer while it is fetched again (e.g. a pull-down refresh). */
  | { status: 'loading'; data?: T; failure?: undefined }
  | { status: 'done'; data: T; failure?: undefined }
  | { status: 'failed'; data?: T; failure: Advice }

export type RunResult<T> = { ok: true; data: T } | { ok: false }

export function useRequest<T>() {
  const [state, setState] = useState<RequestState<T>>({ status: 'idle' })
  const latest = useRef(0)
  useEffect(
    () => () => {
      latest.current += 1
    },
    [],
  )
  const run = useCallback(async (call: () => Promise<T>): Promise<RunResult<T>> => {
    const mine = ++latest.current
    setState((s) => ({ status: 'loading', data: s.data }))
    try {
      const data = await call()
      if (mine !== latest.current) return { ok: false }
      setState({ status: 'done', data })
      return { ok: true, data }
    } catch (error) {
      if (mine === latest.current) setState((s) => ({ status: 'failed', data: s.data, failure: adviceForError(error) }))
      return { ok: false }
    }
  }, [])
  /** The person has moved on from a failure (e.g. edits the form): it is no longer shown. */
  const clearFailure = useCallback(() => setState((s) => (s.status === 'failed' ? { status: 'idle' } : s)), [])
  return { ...state, run, clearFailure }
}
