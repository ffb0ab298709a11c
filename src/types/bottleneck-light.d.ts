// The light build (no clustering) is what the Octokit plugins load; its API is the full build's.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck'
  export default Bottleneck
}
