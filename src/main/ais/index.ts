/**
 * Public API of the AIS NMEA 0183 decoder (see docs/ais-fields.md for the output fields).
 */
export { AisDecoder, decodePayload, decodeSentence } from './decode.ts';
export type { AisDecoderOptions, AisDecoderStats, DecodeFailure, DecodeFailureReason, PayloadResult, SentenceResult } from './decode.ts';
export { decodeFile } from './decode-file.ts';
export type { DecodeErrorRecord, DecodeFileOptions } from './decode-file.ts';
export { encodeNmea, encodePayload, frameSentences } from './encode.ts';
export type { EncodableMessage, NmeaEncodeOptions } from './encode.ts';
export { isPlausiblePosition, positionIssue } from './validate.ts';
export type { PlausibilityLimits, PositionIssue } from './validate.ts';
export { epfdText, navigationStatusText, shipTypeCategory } from './legends.ts';
export { LineSplitter, formatTagBlock, parseNmeaLine } from './nmea.ts';
export type { AisSentence, NmeaParseResult, TagBlock } from './nmea.ts';
export { isSupported } from './types.ts';
export type * from './types.ts';
