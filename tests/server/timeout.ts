// Each server test drives real processes (login, notify, jobs); jest's 5 s is too little on 2 busy cores.
jest.setTimeout(30_000)
