import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";

// The storefront's own spans, inside the request's trace that Next starts. While tracing is off no
// SDK is registered and these are OpenTelemetry's no-op spans: nothing is recorded or kept.

const tracer = trace.getTracer("bolt-storefront");

export { SpanKind };

/** Runs `work` in a span; a throw marks the span failed with the error's name (never its message). */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failSpan(span, error instanceof Error ? error.name : "unknown error");
      throw error;
    } finally {
      span.end();
    }
  });
}

export function failSpan(span: Span, errorType: string): void {
  span.setAttribute("error.type", errorType);
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** Adds to the span of the work under way, e.g. a webhook's event type once its body is read. */
export function annotateSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/**
 * Bolt's webhook delivery, as one span of its request: what the route answered, failed when Bolt will
 * deliver again (any status but 2xx). The route wraps its handler in it.
 */
export function traceWebhook(receive: () => Promise<Response>): Promise<Response> {
  return inSpan("bolt webhook", {}, async (span) => {
    const response = await receive();
    span.setAttribute("http.response.status_code", response.status);
    if (response.status >= 300) failSpan(span, String(response.status));
    return response;
  });
}
