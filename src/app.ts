import { PropsWithChildren } from 'react'
import { makeModalsDialogs } from './components/modalDialogs'
import './app.css'

makeModalsDialogs()

function App({ children }: PropsWithChildren) {
  return children
}

export default App
