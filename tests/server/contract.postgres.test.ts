/** The contract suite, unchanged, against the server on a real PostgreSQL. */
import { describeServerContract } from './contractSubject'
import { startPostgres } from './postgres'

describeServerContract('server over HTTP on PostgreSQL', startPostgres)
