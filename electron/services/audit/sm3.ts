// SM3 that works in Node (OpenSSL) and in Electron (BoringSSL has none): written once in protocol/.
export { sm3Hex } from '../../../protocol/sm3';
