module atlas-backup-snapshots-example

go 1.26

require (
	github.com/pulumi/pulumi/sdk/v3 v3.274.1
	pulumi-atlas-backup-snapshots.local/sdk/go v0.0.0
)

// The SDK is generated from the provider plugin's schema into ./sdk (see README.md), not published.
replace pulumi-atlas-backup-snapshots.local/sdk/go => ./sdk/go
