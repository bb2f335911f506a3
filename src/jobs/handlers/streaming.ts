/** Job handlers of this area; each calls defineJob(kind, handler) at import time. */
export {};
