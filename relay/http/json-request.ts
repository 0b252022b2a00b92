import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { sendApiError } from './http-error.ts';

/** Every zod issue as `path: message`, joined, so a 400 names each failing field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

/**
 * JSON body parsing owned by the route, answering malformed JSON with the ApiError body itself,
 * so a router behaves the same with or without an `express.json()` in front.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = express.json({ limit });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (err?: unknown) => {
      if (err !== undefined && err !== null) {
        sendApiError(res, 400, 'invalid_json', `request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      next();
    });
  };
}
