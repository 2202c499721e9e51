/**
 * The canonical chat model every codec translates to and from. Records only, no JSON library: JSON
 * values that the gateway never interprets (tool schemas, tool arguments, unknown fields) are kept as
 * raw JSON text so a same-family round trip is exact.
 */
package dev.switchboard.model.chat;
