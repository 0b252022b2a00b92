import express, { type RequestHandler } from 'express';
import type { z } from 'zod';
import { HttpError } from './http-error.ts';

/** Every zod issue as `path: message`, joined, so a 400 names each failing field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

/**
 * JSON body parsing owned by the route, so each route's own size limit is the one that applies
 * (the API stack parses no body in front of it). A body of another media type is a 415; parser
 * failures (size, charset, encoding, syntax) reach the API error handler with the status
 * body-parser gave them.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = express.json({ limit });
  return (req, res, next) => {
    // req.is() is null when the request has no body at all; the route's schema then names what is missing.
    if (req.is('application/json') === false) {
      next(new HttpError(415, 'unsupported_media_type', `send the body as application/json, not ${req.get('content-type') ?? 'no content-type'}`));
      return;
    }
    parse(req, res, next);
  };
}
