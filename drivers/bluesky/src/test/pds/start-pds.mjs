// Starts a throwaway AT Protocol network for Herald's Bluesky driver tests: an in-memory
// PLC directory and one PDS on free ports, nothing else (no AppView, no accounts). Rate
// limits are on so responses carry the real RateLimit-* headers.
// Prints one JSON line ({"url": ...}) on stdout once the PDS listens, and shuts down when
// stdin closes, so the server never outlives the JVM that started it.
import devEnv from '@atproto/dev-env'

const { TestNetworkNoAppView } = devEnv

const network = await TestNetworkNoAppView.create({ pds: { rateLimitsEnabled: true } })
process.stdout.write(JSON.stringify({ url: network.pds.url, plc: network.plc.url }) + '\n')

let closing = false
const shutdown = async () => {
  if (closing) return
  closing = true
  try {
    await network.close()
  } finally {
    process.exit(0)
  }
}
process.stdin.on('end', shutdown)
process.stdin.on('close', shutdown)
process.stdin.resume()
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
