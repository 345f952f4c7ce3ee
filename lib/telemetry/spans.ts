import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";

// The storefront's own spans, inside the request's trace that Next starts. While tracing is off no
// SDK is registered and these are OpenTelemetry's no-op spans: nothing is recorded or kept.

const tracer = trace.getTracer("bolt-storefront");

export { SpanKind };

/** A throw marks the span failed with the error's name, never its message. */
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

export function annotateSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/** Failed when Bolt will deliver again (any status but 2xx). */
export function traceWebhook(receive: () => Promise<Response>): Promise<Response> {
  return inSpan("bolt webhook", {}, async (span) => {
    const response = await receive();
    span.setAttribute("http.response.status_code", response.status);
    if (response.status >= 300) failSpan(span, String(response.status));
    return response;
  });
}
