/** The contract suite, unchanged, against the server on its embedded PGlite. */
import { describeServerContract } from './contractSubject'

describeServerContract('server over HTTP on embedded PGlite', async () => ({ stop: async () => undefined }))
