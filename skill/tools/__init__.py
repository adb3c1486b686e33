"""What developers run: the `back-spasm` command (chat, serve, validate,
package), the typed interaction-model loader, the typed-text matcher and the
request envelopes shared with the tests."""
