import { setFlagsFromString } from 'node:v8';

/**
 * V8 allocates objects of an allocation site straight into the old generation once enough of them
 * survive a young collection. Under load most of a request's objects are still in flight at a
 * young collection, so V8 decides this for request-scoped sites: their objects then die in the old
 * generation, which needs full collections (three times the collection time per request and
 * pauses of up to 30 ms here). Off, they die young. Set before the app is loaded; the flag cannot
 * go in NODE_OPTIONS, which only takes a few V8 flags.
 */
setFlagsFromString('--no-allocation-site-pretenuring');
