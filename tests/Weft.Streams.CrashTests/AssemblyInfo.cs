// Each test runs a silo process that loads both cores and PostgreSQL; run side by side, one test's load would decide
// where the other's kill lands.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
