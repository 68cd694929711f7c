package blob

// NewS3Unchecked builds an S3 store without NewS3's start-up checks, so that
// a test can watch what the store sends even to a service that NewS3 refuses.
func NewS3Unchecked(o S3Options) (*S3, error) { return newS3(o) }
