/** react-dom 18's client entry as tier-1 hook tests use it (the project carries no @types/react-dom). */
declare module 'react-dom/client' {
  import type { ReactNode } from 'react'
  export function createRoot(container: Element): { render(children: ReactNode): void; unmount(): void }
}
