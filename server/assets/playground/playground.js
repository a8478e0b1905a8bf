// Starts GraphiQL against the endpoint named on the #graphiql element. The
// editors' contents are mirrored into the address bar so that a query can be
// shared as a link, and a link with ?query=... opens with that query.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  var endpoint = root.getAttribute("data-endpoint") || "/graphql";
  var params = new URLSearchParams(window.location.search);

  function remember(name) {
    return function (value) {
      if (value) {
        params.set(name, value);
      } else {
        params.delete(name);
      }
      var search = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    };
  }

  var props = {
    fetcher: GraphiQL.createFetcher({ url: endpoint }),
    onEditQuery: remember("query"),
    onEditVariables: remember("variables"),
    onEditHeaders: remember("headers"),
    onEditOperationName: remember("operationName"),
    defaultEditorToolsVisibility: params.has("variables") || params.has("headers"),
  };
  ["query", "variables", "headers", "operationName"].forEach(function (name) {
    if (params.has(name)) {
      props[name] = params.get(name);
    }
  });

  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
})();
