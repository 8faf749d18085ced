import { PropsWithChildren } from 'react'
import { makeBrowserAccessible } from './components/browserA11y'
import './app.css'

makeBrowserAccessible()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
