package org.pathlab.api;

import java.time.Duration;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * Closes a connection whose next request head has not arrived within {@code timeout}: from the
 * moment it is opened, and from the moment the previous response has been sent in full (a long
 * event stream is a response still being sent, not a wait). Pekko HTTP has an idle timeout, which
 * a client that sends one header line every few seconds never trips, and a request timeout, which
 * starts only once a request's head is complete: without this, 1,100 such clients hold every
 * connection the server accepts and {@code /api/health} goes unanswered (issue R, Observed 8).
 * One stage per connection, between Pekko HTTP's server layer and the routes.
 */
final class HeaderTimeout extends GraphStage<BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse>> {

  private final Inlet<HttpRequest> requestsIn = Inlet.create("HeaderTimeout.requestsIn");
  private final Outlet<HttpRequest> requestsOut = Outlet.create("HeaderTimeout.requestsOut");
  private final Inlet<HttpResponse> responsesIn = Inlet.create("HeaderTimeout.responsesIn");
  private final Outlet<HttpResponse> responsesOut = Outlet.create("HeaderTimeout.responsesOut");
  private final BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse> shape =
      BidiShape.of(requestsIn, requestsOut, responsesIn, responsesOut);
  private final Duration timeout;

  private HeaderTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /** {@code routes} behind a header timeout: what {@code bindFlow} materializes once per connection. */
  static Flow<HttpRequest, HttpResponse, NotUsed> around(Flow<HttpRequest, HttpResponse, NotUsed> routes, Duration timeout) {
    return BidiFlow.fromGraph(new HeaderTimeout(timeout)).join(routes);
  }

  @Override
  public BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new TimerGraphStageLogic(shape) {
      private static final String HEAD = "head";
      /** Responses whose entity is still being sent. */
      private int sending;
      private final AsyncCallback<Boolean> sent = createAsyncCallback(done -> responseSent());

      {
        setHandler(requestsIn, new AbstractInHandler() {
          @Override
          public void onPush() {
            cancelTimer(HEAD);
            push(requestsOut, grab(requestsIn));
          }

          @Override
          public void onUpstreamFinish() {
            // the client is done sending (or its body broke a limit): the routes still answer what they have
            complete(requestsOut);
          }
        });
        setHandler(requestsOut, new AbstractOutHandler() {
          @Override
          public void onPull() {
            pull(requestsIn);
          }

          @Override
          public void onDownstreamFinish(Throwable cause) {
            cancel(requestsIn, cause);
          }
        });
        setHandler(responsesIn, new AbstractInHandler() {
          @Override
          public void onPush() {
            HttpResponse response = grab(responsesIn);
            sending++;
            if (response.entity().isStrict()) {
              push(responsesOut, response);
              responseSent();
            } else {
              push(responsesOut, response.transformEntityDataBytes(Flow.of(ByteString.class).watchTermination((mat, done) -> {
                done.whenComplete((d, failure) -> sent.invoke(true));
                return mat;
              })));
            }
          }
        });
        setHandler(responsesOut, new AbstractOutHandler() {
          @Override
          public void onPull() {
            pull(responsesIn);
          }
        });
      }

      @Override
      public void preStart() {
        scheduleOnce(HEAD, timeout);
      }

      private void responseSent() {
        if (--sending == 0) scheduleOnce(HEAD, timeout);
      }

      @Override
      public void onTimer(Object key) {
        completeStage(); // the connection closes: its head did not come in time
      }
    };
  }
}
