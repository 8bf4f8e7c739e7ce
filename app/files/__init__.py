"""Safe uploads: `sniff.detect` reads a file's real type from its content, `uploads.accept_upload`
checks size, type and name before anything is stored, `storage` keeps the accepted bytes
content-addressed (local disk by default, behind an interface an S3-compatible store can take)."""
