package envprobe

// PruneGoEnvCache is pruneGoEnvCache, for the tests of package envprobe_test.
var PruneGoEnvCache = pruneGoEnvCache
