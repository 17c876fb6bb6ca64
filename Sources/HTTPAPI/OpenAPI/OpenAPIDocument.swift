// The API's OpenAPI 3.1 document, served at GET /openapi.json and checked against the router by
// HTTPAPITests/OpenAPIDocumentTests. Keep it in step with the routes and DTOs.

/// The OpenAPI document, embedded so that the single binary serves it (no resource bundle to install).
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "ClickNBack API",
            "version": "1.0.0",
            "summary": "Cashback platform HTTP API.",
            "description": "Conventions: JSON in, JSON out (except 204). Application errors use the `ErrorEnvelope`; schema-level validation problems answer 422 `VALIDATION_ERROR` (400 on the payout endpoints). Authentication runs before body validation. Unknown paths answer 404 `{\"detail\": \"Not Found\"}` and known paths with another method 405 `{\"detail\": \"Method Not Allowed\"}` with `Allow`. Bodies over 1 MiB answer 413 `PAYLOAD_TOO_LARGE`. Collection paths are served with and without the trailing slash. Money travels as decimal strings with two decimals; percentages and offer amounts as JSON numbers. Every response carries `X-Request-ID`. Every query parameter is single-valued: one given twice answers 422 `VALIDATION_ERROR` (400 on the payout endpoints). Responses carry `X-Content-Type-Options: nosniff`; responses with secrets carry `Cache-Control: no-store`. `/metrics` is not on this port: it is served on the admin listener (`API_ADMIN_HOST`:`API_ADMIN_PORT`, loopback by default). Authentication: users and admins send the access token of `POST /api/v1/auth/login` as `Authorization: Bearer …` (`bearerAuth`); partner systems send their key as a bearer token (`partnerKey`) or sign each request with it (`partnerSignatureKey` + `partnerSignatureTimestamp` + `partnerSignature`), on the two ingestion endpoints only. The interactive version of this document is served at `/docs`."
          },
          "servers": [
            {
              "url": "/",
              "description": "The server that serves this document (make run: http://127.0.0.1:8080)."
            }
          ],
          "security": [
            {
              "bearerAuth": []
            }
          ],
          "tags": [
            {
              "name": "Meta"
            },
            {
              "name": "Health"
            },
            {
              "name": "Auth"
            },
            {
              "name": "Users"
            },
            {
              "name": "Merchants"
            },
            {
              "name": "Offers"
            },
            {
              "name": "Feature flags"
            },
            {
              "name": "Purchases"
            },
            {
              "name": "Wallets"
            },
            {
              "name": "Payouts"
            },
            {
              "name": "Jobs"
            }
          ],
          "paths": {
            "/openapi.json": {
              "get": {
                "operationId": "getOpenAPIDocument",
                "summary": "This OpenAPI document",
                "tags": [
                  "Meta"
                ],
                "description": "Access: anonymous (no token).",
                "x-access": "anonymous",
                "security": [],
                "responses": {
                  "200": {
                    "description": "The OpenAPI 3.1 document describing this API.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/OpenAPIDocument"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  }
                }
              }
            },
            "/health/live": {
              "get": {
                "operationId": "getLiveness",
                "summary": "Liveness probe",
                "tags": [
                  "Health"
                ],
                "description": "Access: anonymous (no token).",
                "x-access": "anonymous",
                "security": [],
                "responses": {
                  "200": {
                    "description": "`{\"status\": \"alive\"}`; no I/O.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/HealthStatus"
                            }
                          ],
                          "properties": {
                            "status": {
                              "const": "alive"
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  }
                }
              }
            },
            "/health/ready": {
              "get": {
                "operationId": "getReadiness",
                "summary": "Readiness probe",
                "tags": [
                  "Health"
                ],
                "description": "Access: anonymous (no token).",
                "x-access": "anonymous",
                "security": [],
                "responses": {
                  "200": {
                    "description": "`{\"status\": \"ready\"}`: the database answers.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/HealthStatus"
                            }
                          ],
                          "properties": {
                            "status": {
                              "const": "ready"
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "description": "`{\"status\": \"unavailable\"}`: the database does not answer (no error envelope).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "allOf": [
                            {
                              "$ref": "#/components/schemas/HealthStatus"
                            }
                          ],
                          "properties": {
                            "status": {
                              "const": "unavailable"
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/auth/login": {
              "post": {
                "operationId": "login",
                "summary": "Log in with e-mail and password",
                "tags": [
                  "Auth"
                ],
                "description": "Access: anonymous (no token).\n\nAn inactive account can still log in; its protected calls then answer `USER_INACTIVE`. Any spelling of the account's mailbox works (case, `+tag`, the IDN form of the domain). A password longer than 72 bytes of UTF-8 never matches. Failed logins are limited per address and per client address; the client address is the peer, or the `X-Forwarded-For` entry added by a proxy listed in `TRUSTED_PROXIES`.",
                "x-access": "anonymous",
                "security": [],
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/LoginRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "A new access and refresh token pair (a new refresh family).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/Cache-Control"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/TokenPair"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "description": "`INVALID_CREDENTIALS` (`Invalid email or password.`): unknown e-mail or wrong password (indistinguishable). No `WWW-Authenticate` header.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (missing field, invalid e-mail syntax, body not a JSON object).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "`RATE_LIMITED`: too many failed logins for this e-mail address (`LOGIN_RATE_LIMIT_*`) or from this client address (`LOGIN_CLIENT_RATE_LIMIT_*`); retry after `Retry-After` seconds.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      },
                      "Retry-After": {
                        "$ref": "#/components/headers/Retry-After"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable",
                    "description": "`SERVICE_UNAVAILABLE`: the database is unreachable, or too many password checks are in progress (the excess is shed rather than queued); retry after `Retry-After` seconds."
                  }
                }
              }
            },
            "/api/v1/auth/refresh": {
              "post": {
                "operationId": "refreshTokens",
                "summary": "Rotate a refresh token",
                "tags": [
                  "Auth"
                ],
                "description": "Access: anonymous (no token).\n\nEach refresh token works once.",
                "x-access": "anonymous",
                "security": [],
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/RefreshRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "A new token pair in the same refresh family.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/Cache-Control"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/TokenPair"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "description": "`INVALID_REFRESH_TOKEN` (unknown, malformed or expired token) or `TOKEN_REVOKED` (already used or revoked; presenting a used token revokes its whole family). No `WWW-Authenticate` header; `USER_INACTIVE`: the account was deactivated (its refresh family is revoked).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/users/": {
              "post": {
                "operationId": "registerUser",
                "summary": "Register an account",
                "tags": [
                  "Users"
                ],
                "description": "Access: anonymous (no token).\n\nAlso served without the trailing slash. `role` in the body is ignored. Addresses whose local part or a domain label mixes writing systems (a Cyrillic `а` in a Latin name), or that imitate Latin letters with Cyrillic or Greek ones, are refused with 422.",
                "x-access": "anonymous",
                "security": [],
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/RegisterRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "description": "The new account (role `user`, active).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/User"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`PASSWORD_NOT_COMPLEX_ENOUGH`: details `{\"violations\": [{\"field\": \"password\", \"reason\"}]}` with the first broken rule.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "409": {
                    "description": "`EMAIL_ALREADY_REGISTERED`: an account already holds this mailbox, whatever its spelling: case, Unicode compatibility forms, the IDN domain in Unicode or punycode, a `+tag`, Gmail's periods.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (e.g. invalid e-mail, non-boolean `active`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable",
                    "description": "`SERVICE_UNAVAILABLE`: the database is unreachable, or too many password hashes are in progress; retry after `Retry-After` seconds."
                  },
                  "429": {
                    "description": "`RATE_LIMITED`: too many sign-ups from this client address (`REGISTRATION_RATE_LIMIT_*`); retry after `Retry-After` seconds.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      },
                      "Retry-After": {
                        "$ref": "#/components/headers/Retry-After"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/users/me": {
              "get": {
                "operationId": "getCurrentUser",
                "summary": "The caller's account",
                "tags": [
                  "Users"
                ],
                "description": "Access: any authenticated, active account (admins included).",
                "x-access": "user",
                "responses": {
                  "200": {
                    "description": "The authenticated account.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/User"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/merchants/": {
              "post": {
                "operationId": "createMerchant",
                "summary": "Create a merchant",
                "tags": [
                  "Merchants"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nAlso served without the trailing slash. Writes a `MERCHANT_CREATED` audit row.",
                "x-access": "admin",
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/MerchantCreateRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "description": "The new merchant.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Merchant"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "409": {
                    "description": "`VALIDATION_ERROR` (`Cashback percentage not valid.`, flat details `{\"field\", \"reason\"}`): the percentage is outside `0..MAX_CASHBACK_PERCENTAGE`; or `MERCHANT_NAME_ALREADY_EXISTS` (`details.name`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              },
              "get": {
                "operationId": "listMerchants",
                "summary": "List merchants",
                "tags": [
                  "Merchants"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nAlso served without the trailing slash.",
                "x-access": "admin",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/CatalogLimit"
                  },
                  {
                    "name": "active",
                    "in": "query",
                    "required": false,
                    "description": "Only merchants with this activity. A boolean: true/false/1/0/yes/no/on/off/t/f/y/n, any case.",
                    "schema": {
                      "type": "string",
                      "pattern": "^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|1|0|[Yy][Ee][Ss]|[Nn][Oo]|[Oo][Nn]|[Oo][Ff][Ff]|[Tt]|[Ff]|[Yy]|[Nn])$"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "A page of merchants in insertion order.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/MerchantPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (bad `active`, `offset` or `limit`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/merchants/{merchant_id}/status": {
              "patch": {
                "operationId": "setMerchantStatus",
                "summary": "Activate or deactivate a merchant",
                "tags": [
                  "Merchants"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nIdempotent; does not touch the merchant's offers. Writes an audit row.",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "merchant_id",
                    "in": "path",
                    "required": true,
                    "description": "The merchant's id. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated. A malformed id is simply not found (404).",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/StatusRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "The new status; `id` echoes the path value as given.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/StatusResponse"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "`NOT_FOUND` (`resource_type: \"merchant\"`): no such merchant, or a malformed id. (A request path that matches no route at all answers the framework body `{\"detail\": \"Not Found\"}`.)",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (`status` is not `active` or `inactive`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/offers/": {
              "post": {
                "operationId": "createOffer",
                "summary": "Create an offer",
                "tags": [
                  "Offers"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nAlso served without the trailing slash. Checks run in this order: schema (422), business rules (400), merchant exists (404), merchant active (422), one active offer (409).",
                "x-access": "admin",
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/OfferCreateRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "description": "The new offer (always active).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Offer"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`VALIDATION_ERROR` (`Validation failed for request body.`) with exactly one violation, checked in order: `cashback_value`, `start_date` (in the past), `end_date` (before `start_date`), `monthly_cap` (<= 0).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "`NOT_FOUND` (`resource_type: \"merchant\"`): the merchant does not exist.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "409": {
                    "description": "`ACTIVE_OFFER_ALREADY_EXISTS`: the merchant already has an active offer (whatever its dates).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations`; or `MERCHANT_NOT_ACTIVE`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              },
              "get": {
                "operationId": "listOffers",
                "summary": "List the whole offer catalogue",
                "tags": [
                  "Offers"
                ],
                "description": "Access: any authenticated, active account (admins included).\n\nAlso served without the trailing slash. Filters combine with AND.",
                "x-access": "user",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/CatalogLimit"
                  },
                  {
                    "name": "status",
                    "in": "query",
                    "required": false,
                    "description": "`active` or `inactive` (anything else: 400).",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "active",
                        "inactive"
                      ]
                    }
                  },
                  {
                    "name": "merchant_id",
                    "in": "query",
                    "required": false,
                    "description": "Only offers of this merchant. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated.",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  },
                  {
                    "name": "date_from",
                    "in": "query",
                    "required": false,
                    "description": "Offers that end on or after this date (`YYYY-MM-DD`).",
                    "schema": {
                      "type": "string",
                      "format": "date"
                    }
                  },
                  {
                    "name": "date_to",
                    "in": "query",
                    "required": false,
                    "description": "Offers that start on or before this date (`YYYY-MM-DD`).",
                    "schema": {
                      "type": "string",
                      "format": "date"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "A page of offers, inactive ones included.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/OfferPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`VALIDATION_ERROR` (`Invalid query parameters.`): unknown `status`, and/or `date_from` after `date_to` (both reported together).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (bad UUID, date, `offset` or `limit`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/offers/active": {
              "get": {
                "operationId": "listActiveOffers",
                "summary": "List the offers usable today",
                "tags": [
                  "Offers"
                ],
                "description": "Access: any authenticated, active account (admins included).",
                "x-access": "user",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/CatalogLimit"
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Active offers of active merchants whose window contains today's UTC date.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ActiveOfferPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (bad `offset` or `limit`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/offers/{offer_id}": {
              "get": {
                "operationId": "getOffer",
                "summary": "Offer details",
                "tags": [
                  "Offers"
                ],
                "description": "Access: any authenticated, active account (admins included).",
                "x-access": "user",
                "parameters": [
                  {
                    "name": "offer_id",
                    "in": "path",
                    "required": true,
                    "description": "The offer's id. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated. A malformed id is simply not found (404).",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The offer with its merchant's name and its status.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/OfferDetails"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "description": "`FORBIDDEN` (`You do not have permission to view this offer.`): a non-admin asked for an inactive offer or an offer of an inactive merchant (`details.reason`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "`NOT_FOUND` (`resource_type: \"offer\"`): no such offer, or a malformed id. (A request path that matches no route at all answers the framework body `{\"detail\": \"Not Found\"}`.)",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/offers/{offer_id}/status": {
              "patch": {
                "operationId": "setOfferStatus",
                "summary": "Activate or deactivate an offer",
                "tags": [
                  "Offers"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nIdempotent; activation checks no other rule (spec IC-13). Writes an audit row.",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "offer_id",
                    "in": "path",
                    "required": true,
                    "description": "The offer's id. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated. A malformed id is simply not found (404).",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/StatusRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "The new status; `id` echoes the path value as given.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/StatusResponse"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "`NOT_FOUND` (`resource_type: \"offer\"`): no such offer, or a malformed id. (A request path that matches no route at all answers the framework body `{\"detail\": \"Not Found\"}`.)",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (`status` is not `active` or `inactive`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/feature-flags/{key}": {
              "put": {
                "operationId": "putFeatureFlag",
                "summary": "Create or update one scope of a flag",
                "tags": [
                  "Feature flags"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nWrites a `FEATURE_FLAG_SET` audit row.",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "key",
                    "in": "path",
                    "required": true,
                    "description": "The flag key: 1-100 characters matching `^[a-z][a-z0-9_]*$` (else 422 `Invalid feature flag key.`).",
                    "schema": {
                      "type": "string",
                      "pattern": "^[a-z][a-z0-9_]*$",
                      "minLength": 1,
                      "maxLength": 100
                    }
                  }
                ],
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/FeatureFlagPutRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "The stored record (200 for creation and update alike).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/FeatureFlag"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "Not produced by the handler: only a request path that matches no route answers 404, with the framework body `{\"detail\": \"Not Found\"}`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations`; `VALIDATION_ERROR` `Invalid feature flag key.` (`details.key`); or `FEATURE_FLAG_SCOPE_ID_REQUIRED` (`details.scope_type`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              },
              "delete": {
                "operationId": "deleteFeatureFlag",
                "summary": "Delete one scope's record",
                "tags": [
                  "Feature flags"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nWrites a `FEATURE_FLAG_DELETED` audit row.",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "key",
                    "in": "path",
                    "required": true,
                    "description": "The flag key (any string; not format-checked here).",
                    "schema": {
                      "type": "string",
                      "minLength": 1
                    }
                  },
                  {
                    "name": "scope_type",
                    "in": "query",
                    "required": true,
                    "description": "The scope type (required).",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "global",
                        "merchant",
                        "user"
                      ]
                    }
                  },
                  {
                    "name": "scope_id",
                    "in": "query",
                    "required": false,
                    "description": "Required for `merchant` and `user`; must be absent for `global`. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated.",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "responses": {
                  "204": {
                    "description": "Deleted; no body.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "`FEATURE_FLAG_NOT_FOUND`: no record for that scope (details `key`, `scope_type`, `scope_id`). (A request path that matches no route at all answers the framework body `{\"detail\": \"Not Found\"}`.)",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (`scope_type` missing or unknown, bad `scope_id`, or a `scope_id` given with `global`); or `FEATURE_FLAG_SCOPE_ID_REQUIRED`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/feature-flags/{key}/evaluate": {
              "get": {
                "operationId": "evaluateFeatureFlag",
                "summary": "Resolve a flag for a scope",
                "tags": [
                  "Feature flags"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "key",
                    "in": "path",
                    "required": true,
                    "description": "The flag key (any string; not format-checked here).",
                    "schema": {
                      "type": "string",
                      "minLength": 1
                    }
                  },
                  {
                    "name": "scope_type",
                    "in": "query",
                    "required": false,
                    "description": "Default `global`; any string is accepted.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "scope_id",
                    "in": "query",
                    "required": false,
                    "description": "The scope's id. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated.",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The effective value: exact scope record, then the global record, then `true`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/FlagEvaluation"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "Not produced by the handler: only a request path that matches no route answers 404, with the framework body `{\"detail\": \"Not Found\"}`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (bad `scope_id`); or `FEATURE_FLAG_SCOPE_ID_REQUIRED` (non-global `scope_type` without `scope_id`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/feature-flags": {
              "get": {
                "operationId": "listFeatureFlags",
                "summary": "List flag records",
                "tags": [
                  "Feature flags"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nAlso served with a trailing slash.",
                "x-access": "admin",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/CatalogLimit"
                  },
                  {
                    "name": "key",
                    "in": "query",
                    "required": false,
                    "description": "Exact match on the key.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "scope_type",
                    "in": "query",
                    "required": false,
                    "description": "Exact match on the scope type (unvalidated).",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "scope_id",
                    "in": "query",
                    "required": false,
                    "description": "The scope's id. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated.",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "A page of records, newest first.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/FeatureFlagPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (bad `scope_id`, `offset` or `limit`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/purchases/": {
              "post": {
                "operationId": "ingestPurchase",
                "summary": "Ingest a purchase",
                "tags": [
                  "Purchases"
                ],
                "description": "Access: any authenticated, active account (admins included).\n\nAlso served without the trailing slash. Checks in order: 401, 429, schema 422, ownership 403, duplicate 409, currency, user, merchant, offer (422). The cashback is computed now from the merchant's offer valid today, limited by the offer's monthly cap. Partners authenticate with `Authorization: Bearer <key_id>.<secret>` or a signed request (`X-Partner-Key`, `X-Partner-Timestamp`, `X-Partner-Signature: sha256=<hex>`; docs/partners.md); they may ingest for any active user, only for their merchants (403 otherwise). The cashback never exceeds the purchase amount. A purchase whose cashback would take the user's pending balance past 999999999999.99 answers 422 `VALUE_OUT_OF_RANGE` and records nothing.",
                "x-access": "user",
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/PurchaseIngestRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "description": "The pending purchase with its computed cashback.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/IngestedPurchase"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "description": "`FORBIDDEN` (`You can only ingest purchases on your own behalf.`): `user_id` is not the caller.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "`NOT_FOUND`: only in a rare race, when a conflicting `external_id` insert cannot be read back.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "409": {
                    "description": "`DUPLICATE_PURCHASE`: the `external_id` exists (details `external_id`, `previously_created_at`, `previously_processed_amount`, `action`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations`; or `UNSUPPORTED_CURRENCY`, `USER_NOT_ELIGIBLE`, `MERCHANT_NOT_ELIGIBLE`, `OFFER_NOT_AVAILABLE`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "`RATE_LIMITED`: the caller's ingest budget on this process is used up (`details.retry_after_seconds`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      },
                      "Retry-After": {
                        "$ref": "#/components/headers/Retry-After"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                },
                "security": [
                  {
                    "bearerAuth": []
                  },
                  {
                    "partnerKey": []
                  },
                  {
                    "partnerSignatureKey": [],
                    "partnerSignatureTimestamp": [],
                    "partnerSignature": []
                  }
                ]
              },
              "get": {
                "operationId": "listPurchases",
                "summary": "All purchases",
                "tags": [
                  "Purchases"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nAlso served without the trailing slash.",
                "x-access": "admin",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/FixedLimit"
                  },
                  {
                    "name": "status",
                    "in": "query",
                    "required": false,
                    "description": "`pending`, `confirmed`, `rejected` or `reversed` (case-sensitive); anything else: 422 `INVALID_PURCHASE_STATUS` (empty details).",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "pending",
                        "confirmed",
                        "rejected",
                        "reversed"
                      ]
                    }
                  },
                  {
                    "name": "user_id",
                    "in": "query",
                    "required": false,
                    "description": "Exact match on the lower-case hyphenated id; not validated (anything else matches nothing).",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "merchant_id",
                    "in": "query",
                    "required": false,
                    "description": "Exact match, like `user_id`; not validated.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "start_date",
                    "in": "query",
                    "required": false,
                    "description": "Created on or after this UTC day (`YYYY-MM-DD`).",
                    "schema": {
                      "type": "string",
                      "format": "date"
                    }
                  },
                  {
                    "name": "end_date",
                    "in": "query",
                    "required": false,
                    "description": "Created on or before this UTC day (`YYYY-MM-DD`).",
                    "schema": {
                      "type": "string",
                      "format": "date"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "A page of purchases, newest first.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/PurchaseAdminPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (bad date, `offset` or `limit`); or `INVALID_PURCHASE_STATUS`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/purchases/{purchase_id}": {
              "get": {
                "operationId": "getPurchase",
                "summary": "Purchase details (owner only)",
                "tags": [
                  "Purchases"
                ],
                "description": "Access: any authenticated, active account (admins included). Another user's purchase answers 404 exactly like a missing one (deliberate deviation from spec 6.2's 403, which leaked the owner's id; docs/security.md).",
                "x-access": "user",
                "parameters": [
                  {
                    "name": "purchase_id",
                    "in": "path",
                    "required": true,
                    "description": "The purchase's id. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated. A malformed id is simply not found (404).",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The purchase.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/PurchaseDetails"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "description": "`NOT_FOUND` (`resource_type: \"purchase\"`), also for a malformed id. (A request path that matches no route at all answers the framework body `{\"detail\": \"Not Found\"}`.)",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/users/me/purchases": {
              "get": {
                "operationId": "listMyPurchases",
                "summary": "The caller's purchases",
                "tags": [
                  "Purchases"
                ],
                "description": "Access: any authenticated, active account (admins included).",
                "x-access": "user",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/FixedLimit"
                  },
                  {
                    "name": "status",
                    "in": "query",
                    "required": false,
                    "description": "`pending`, `confirmed`, `rejected` or `reversed` (case-sensitive); anything else: 422 `INVALID_PURCHASE_STATUS` (empty details).",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "pending",
                        "confirmed",
                        "rejected",
                        "reversed"
                      ]
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "A page of the caller's purchases, newest first.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/PurchaseDetailsPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (bad `offset` or `limit`); or `INVALID_PURCHASE_STATUS`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/purchases/{purchase_id}/reverse": {
              "patch": {
                "operationId": "reversePurchase",
                "summary": "Reverse a purchase",
                "tags": [
                  "Purchases"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nNo request body. A pending or confirmed purchase becomes `reversed`; its cashback is zeroed and leaves the bucket it sits in. Confirmed cashback that was already withdrawn is not refused: what is available is taken back and the rest becomes the wallet's `owed_balance`, which later cashback pays off and which blocks payouts meanwhile. Rejected and already reversed purchases answer 400.",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "purchase_id",
                    "in": "path",
                    "required": true,
                    "description": "The purchase's id. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated. A malformed id is simply not found (404).",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The reversed purchase (`cashback_amount` `0.00`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Purchase"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`PURCHASE_ALREADY_REVERSED` or `PURCHASE_NOT_REVERSIBLE` (rejected purchase); details `{\"violations\": [{\"purchase_id\", \"current_status\", \"reversible_from_statuses\"}]}`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "`NOT_FOUND` (`resource_type: \"purchase\"`), also for a malformed id. (A request path that matches no route at all answers the framework body `{\"detail\": \"Not Found\"}`.)",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/purchases/{purchase_id}/confirmation": {
              "post": {
                "operationId": "confirmPurchase",
                "summary": "Confirm a pending purchase",
                "tags": [
                  "Purchases"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nNo request body. The cashback moves from pending to available.",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "purchase_id",
                    "in": "path",
                    "required": true,
                    "description": "The purchase's id. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated. A malformed id is simply not found (404).",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The confirmed purchase.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Purchase"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`PURCHASE_NOT_PENDING`: details `{\"violations\": [{\"purchase_id\", \"current_status\", \"required_status\": \"pending\"}]}`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "`NOT_FOUND` (`resource_type: \"purchase\"`), also for a malformed id. (A request path that matches no route at all answers the framework body `{\"detail\": \"Not Found\"}`.)",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "409": {
                    "description": "`INSUFFICIENT_BALANCE`: the wallet cannot cover the movement (defensive).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/users/me/wallet": {
              "get": {
                "operationId": "getMyWallet",
                "summary": "The caller's balances",
                "tags": [
                  "Wallets"
                ],
                "description": "Access: any authenticated, active account (admins included).",
                "x-access": "user",
                "responses": {
                  "200": {
                    "description": "The three balances (`\"0\"` each without a wallet row).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Wallet"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/users/me/wallet/transactions": {
              "get": {
                "operationId": "listMyWalletTransactions",
                "summary": "The caller's cashback transactions",
                "tags": [
                  "Wallets"
                ],
                "description": "Access: any authenticated, active account (admins included).",
                "x-access": "user",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/FixedLimit"
                  }
                ],
                "responses": {
                  "200": {
                    "description": "A page of cashback transactions, newest first.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/WalletTransactionPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (bad `offset` or `limit`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/admin/wallets/{user_id}/ledger": {
              "get": {
                "operationId": "getWalletLedger",
                "summary": "A wallet's ledger",
                "tags": [
                  "Wallets"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "user_id",
                    "in": "path",
                    "required": true,
                    "description": "The user's id. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated. A malformed id answers 422.",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  },
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/FixedLimit"
                  }
                ],
                "responses": {
                  "200": {
                    "description": "A page of ledger rows, newest first (empty for a user without rows).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/LedgerEntryPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "Not produced by the handler: only a request path that matches no route answers 404, with the framework body `{\"detail\": \"Not Found\"}`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema-level problems, all listed in `details.violations` (`user_id` is not a UUID; bad `offset` or `limit`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/users/payouts": {
              "post": {
                "operationId": "requestPayout",
                "summary": "Request a payout",
                "tags": [
                  "Payouts"
                ],
                "description": "Access: any authenticated, active account (admins included).\n\nMoves `amount` out of the caller's available balance into a `requested` payout. The same operation is served at `/api/v1/users/payouts`, `/api/v1/users/me/payouts`, `/api/v1/users/wallet/withdraw` and `/api/v1/users/me/wallet/withdraw`. Checks in order: 401, schema 400, policy 422, idempotency 409, balance 409.",
                "x-access": "user",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/IdempotencyKey"
                  }
                ],
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/PayoutRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "description": "The created payout, or (with a repeated `Idempotency-Key`) the payout the key first created, as it is now.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      },
                      "Idempotent-Replayed": {
                        "$ref": "#/components/headers/Idempotent-Replayed"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Payout"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema problems, listed in `details.violations` (including a bad IBAN, a missing `card_token`, a card number in `details`, and an `Idempotency-Key` of the wrong length). Payout endpoints answer 400, not 422, for schema problems.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "409": {
                    "description": "`IDEMPOTENCY_KEY_REUSED` (`details.idempotency_key`) or `INSUFFICIENT_BALANCE` (details `requested_amount`, `available_balance`, `pending_balance`, `action`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`UNPROCESSABLE_ENTITY` (`Payout request violates withdrawal policy.`): below `PAYOUT_MINIMUM_AMOUNT`; details `violations` (sentences) and `action`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              },
              "get": {
                "operationId": "listMyPayouts",
                "summary": "The caller's payouts",
                "tags": [
                  "Payouts"
                ],
                "description": "Access: any authenticated, active account (admins included).",
                "x-access": "user",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/FixedLimit"
                  },
                  {
                    "name": "status",
                    "in": "query",
                    "required": false,
                    "description": "`requested`, `processing`, `completed` or `failed` (anything else: 400).",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "requested",
                        "processing",
                        "completed",
                        "failed"
                      ]
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The caller's payouts, most recently requested first.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/PayoutList"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema problems, listed in `details.violations` (unknown `status`, bad `offset` or `limit`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/users/me/payouts": {
              "post": {
                "operationId": "requestPayoutMe",
                "summary": "Request a payout (alias)",
                "tags": [
                  "Payouts"
                ],
                "description": "Access: any authenticated, active account (admins included).\n\nMoves `amount` out of the caller's available balance into a `requested` payout. The same operation is served at `/api/v1/users/payouts`, `/api/v1/users/me/payouts`, `/api/v1/users/wallet/withdraw` and `/api/v1/users/me/wallet/withdraw`. Checks in order: 401, schema 400, policy 422, idempotency 409, balance 409.",
                "x-access": "user",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/IdempotencyKey"
                  }
                ],
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/PayoutRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "description": "The created payout, or (with a repeated `Idempotency-Key`) the payout the key first created, as it is now.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      },
                      "Idempotent-Replayed": {
                        "$ref": "#/components/headers/Idempotent-Replayed"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Payout"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema problems, listed in `details.violations` (including a bad IBAN, a missing `card_token`, a card number in `details`, and an `Idempotency-Key` of the wrong length). Payout endpoints answer 400, not 422, for schema problems.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "409": {
                    "description": "`IDEMPOTENCY_KEY_REUSED` (`details.idempotency_key`) or `INSUFFICIENT_BALANCE` (details `requested_amount`, `available_balance`, `pending_balance`, `action`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`UNPROCESSABLE_ENTITY` (`Payout request violates withdrawal policy.`): below `PAYOUT_MINIMUM_AMOUNT`; details `violations` (sentences) and `action`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              },
              "get": {
                "operationId": "listMyPayoutsMe",
                "summary": "The caller's payouts (alias)",
                "tags": [
                  "Payouts"
                ],
                "description": "Access: any authenticated, active account (admins included).",
                "x-access": "user",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/FixedLimit"
                  },
                  {
                    "name": "status",
                    "in": "query",
                    "required": false,
                    "description": "`requested`, `processing`, `completed` or `failed` (anything else: 400).",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "requested",
                        "processing",
                        "completed",
                        "failed"
                      ]
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The caller's payouts, most recently requested first.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/PayoutList"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema problems, listed in `details.violations` (unknown `status`, bad `offset` or `limit`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/users/wallet/withdraw": {
              "post": {
                "operationId": "requestWithdrawal",
                "summary": "Request a withdrawal (alias of request payout)",
                "tags": [
                  "Payouts"
                ],
                "description": "Access: any authenticated, active account (admins included).\n\nMoves `amount` out of the caller's available balance into a `requested` payout. The same operation is served at `/api/v1/users/payouts`, `/api/v1/users/me/payouts`, `/api/v1/users/wallet/withdraw` and `/api/v1/users/me/wallet/withdraw`. Checks in order: 401, schema 400, policy 422, idempotency 409, balance 409.",
                "x-access": "user",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/IdempotencyKey"
                  }
                ],
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/PayoutRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "description": "The created payout, or (with a repeated `Idempotency-Key`) the payout the key first created, as it is now.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      },
                      "Idempotent-Replayed": {
                        "$ref": "#/components/headers/Idempotent-Replayed"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Payout"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema problems, listed in `details.violations` (including a bad IBAN, a missing `card_token`, a card number in `details`, and an `Idempotency-Key` of the wrong length). Payout endpoints answer 400, not 422, for schema problems.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "409": {
                    "description": "`IDEMPOTENCY_KEY_REUSED` (`details.idempotency_key`) or `INSUFFICIENT_BALANCE` (details `requested_amount`, `available_balance`, `pending_balance`, `action`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`UNPROCESSABLE_ENTITY` (`Payout request violates withdrawal policy.`): below `PAYOUT_MINIMUM_AMOUNT`; details `violations` (sentences) and `action`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/users/me/wallet/withdraw": {
              "post": {
                "operationId": "requestWithdrawalMe",
                "summary": "Request a withdrawal (alias of request payout)",
                "tags": [
                  "Payouts"
                ],
                "description": "Access: any authenticated, active account (admins included).\n\nMoves `amount` out of the caller's available balance into a `requested` payout. The same operation is served at `/api/v1/users/payouts`, `/api/v1/users/me/payouts`, `/api/v1/users/wallet/withdraw` and `/api/v1/users/me/wallet/withdraw`. Checks in order: 401, schema 400, policy 422, idempotency 409, balance 409.",
                "x-access": "user",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/IdempotencyKey"
                  }
                ],
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/PayoutRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "201": {
                    "description": "The created payout, or (with a repeated `Idempotency-Key`) the payout the key first created, as it is now.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      },
                      "Idempotent-Replayed": {
                        "$ref": "#/components/headers/Idempotent-Replayed"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Payout"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema problems, listed in `details.violations` (including a bad IBAN, a missing `card_token`, a card number in `details`, and an `Idempotency-Key` of the wrong length). Payout endpoints answer 400, not 422, for schema problems.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "409": {
                    "description": "`IDEMPOTENCY_KEY_REUSED` (`details.idempotency_key`) or `INSUFFICIENT_BALANCE` (details `requested_amount`, `available_balance`, `pending_balance`, `action`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`UNPROCESSABLE_ENTITY` (`Payout request violates withdrawal policy.`): below `PAYOUT_MINIMUM_AMOUNT`; details `violations` (sentences) and `action`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/admin/payouts": {
              "get": {
                "operationId": "listAllPayouts",
                "summary": "All payouts",
                "tags": [
                  "Payouts"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).",
                "x-access": "admin",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/FixedLimit"
                  },
                  {
                    "name": "status",
                    "in": "query",
                    "required": false,
                    "description": "`requested`, `processing`, `completed` or `failed` (anything else: 400).",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "requested",
                        "processing",
                        "completed",
                        "failed"
                      ]
                    }
                  },
                  {
                    "name": "user_id",
                    "in": "query",
                    "required": false,
                    "description": "Only this user's payouts. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated.",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Payouts, most recently requested first; items carry `user_id`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/AdminPayoutList"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): schema problems, listed in `details.violations` (unknown `status`, bad `offset`, `limit` or `user_id`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/admin/payouts/{payout_id}/process": {
              "patch": {
                "operationId": "processPayout",
                "summary": "Move a payout on",
                "tags": [
                  "Payouts"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nAllowed moves: `requested` -> `processing` | `completed` | `failed`; `processing` -> `completed` | `failed`. `completed` adds to the paid balance, `failed` refunds the available balance, `processing` hands the payout to the worker's settlement job.",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "payout_id",
                    "in": "path",
                    "required": true,
                    "description": "The payout's id. A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated. A malformed id is simply not found (404).",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "requestBody": {
                  "required": true,
                  "description": "A JSON object (parsed as JSON whatever the `Content-Type`); unknown fields are ignored.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/PayoutProcessRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "The payout's new status.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/PayoutProcessResult"
                        }
                      }
                    }
                  },
                  "400": {
                    "description": "`VALIDATION_ERROR`: `Unsupported payout status.` (details `field`, `received`, `supported_values`); a missing or non-string `status` (details `violations`); or `Cannot process payout '<id>'. Payout is already <status>.` (details `payout_id`, `current_status`, `allowed_transitions`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "`NOT_FOUND` (`resource_type: \"payout\"`), also for a malformed id. (A request path that matches no route at all answers the framework body `{\"detail\": \"Not Found\"}`.)",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "409": {
                    "description": "`INSUFFICIENT_BALANCE`: the wallet cannot cover the movement (defensive).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/admin/partners": {
              "post": {
                "operationId": "createPartner",
                "summary": "Create a partner bound to merchants (admin)",
                "x-access": "admin",
                "tags": [
                  "partners"
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "type": "object",
                        "required": [
                          "name",
                          "merchant_ids"
                        ],
                        "properties": {
                          "name": {
                            "type": "string",
                            "minLength": 1,
                            "maxLength": 200
                          },
                          "merchant_ids": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                              "type": "string"
                            }
                          }
                        }
                      }
                    }
                  }
                },
                "responses": {
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "201": {
                    "description": "Created.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "id",
                            "name",
                            "merchant_ids",
                            "active",
                            "created_at"
                          ],
                          "properties": {
                            "id": {
                              "type": "string",
                              "format": "uuid"
                            },
                            "name": {
                              "type": "string"
                            },
                            "merchant_ids": {
                              "type": "array",
                              "items": {
                                "type": "string",
                                "format": "uuid"
                              }
                            },
                            "active": {
                              "type": "boolean"
                            },
                            "created_at": {
                              "type": "string"
                            }
                          }
                        }
                      }
                    }
                  },
                  "409": {
                    "description": "`PARTNER_NAME_TAKEN`.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` or `MERCHANT_NOT_FOUND`.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  }
                }
              },
              "get": {
                "operationId": "listPartners",
                "summary": "List partners (admin)",
                "x-access": "admin",
                "tags": [
                  "partners"
                ],
                "responses": {
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "200": {
                    "description": "Partners.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "data"
                          ],
                          "properties": {
                            "data": {
                              "type": "array",
                              "items": {
                                "type": "object",
                                "required": [
                                  "id",
                                  "name",
                                  "merchant_ids",
                                  "active",
                                  "created_at"
                                ],
                                "properties": {
                                  "id": {
                                    "type": "string",
                                    "format": "uuid"
                                  },
                                  "name": {
                                    "type": "string"
                                  },
                                  "merchant_ids": {
                                    "type": "array",
                                    "items": {
                                      "type": "string",
                                      "format": "uuid"
                                    }
                                  },
                                  "active": {
                                    "type": "boolean"
                                  },
                                  "created_at": {
                                    "type": "string"
                                  }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/admin/partners/{partner_id}/credentials": {
              "parameters": [
                {
                  "name": "partner_id",
                  "in": "path",
                  "required": true,
                  "schema": {
                    "type": "string"
                  }
                }
              ],
              "post": {
                "operationId": "issuePartnerCredential",
                "summary": "Issue a credential; the secret is shown only here (admin)",
                "x-access": "admin",
                "tags": [
                  "partners"
                ],
                "responses": {
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "201": {
                    "description": "Issued; bearer token is `<key_id>.<secret>`.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "key_id",
                            "secret",
                            "created_at"
                          ],
                          "properties": {
                            "key_id": {
                              "type": "string"
                            },
                            "secret": {
                              "type": "string"
                            },
                            "created_at": {
                              "type": "string"
                            }
                          }
                        }
                      }
                    },
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/Cache-Control"
                      }
                    }
                  },
                  "404": {
                    "description": "`PARTNER_NOT_FOUND`.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  }
                }
              },
              "get": {
                "operationId": "listPartnerCredentials",
                "summary": "List a partner's credentials without secrets (admin)",
                "x-access": "admin",
                "tags": [
                  "partners"
                ],
                "responses": {
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "200": {
                    "description": "Credentials.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "data"
                          ],
                          "properties": {
                            "data": {
                              "type": "array",
                              "items": {
                                "type": "object",
                                "required": [
                                  "key_id",
                                  "state",
                                  "created_at",
                                  "expires_at"
                                ],
                                "properties": {
                                  "key_id": {
                                    "type": "string"
                                  },
                                  "state": {
                                    "type": "string",
                                    "enum": [
                                      "active",
                                      "expiring",
                                      "expired",
                                      "revoked"
                                    ]
                                  },
                                  "created_at": {
                                    "type": "string"
                                  },
                                  "expires_at": {
                                    "type": [
                                      "string",
                                      "null"
                                    ]
                                  }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  },
                  "404": {
                    "description": "`PARTNER_NOT_FOUND`.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/admin/partners/{partner_id}/credentials/{key_id}/rotation": {
              "parameters": [
                {
                  "name": "partner_id",
                  "in": "path",
                  "required": true,
                  "schema": {
                    "type": "string"
                  }
                },
                {
                  "name": "key_id",
                  "in": "path",
                  "required": true,
                  "schema": {
                    "type": "string"
                  }
                }
              ],
              "post": {
                "operationId": "rotatePartnerCredential",
                "summary": "Issue a new credential; the old one keeps working for PARTNER_ROTATION_OVERLAP_SECONDS (admin)",
                "x-access": "admin",
                "tags": [
                  "partners"
                ],
                "responses": {
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "201": {
                    "description": "The new credential.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "key_id",
                            "secret",
                            "created_at"
                          ],
                          "properties": {
                            "key_id": {
                              "type": "string"
                            },
                            "secret": {
                              "type": "string"
                            },
                            "created_at": {
                              "type": "string"
                            }
                          }
                        }
                      }
                    },
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/Cache-Control"
                      }
                    }
                  },
                  "404": {
                    "description": "`PARTNER_NOT_FOUND` or `PARTNER_CREDENTIAL_NOT_FOUND`.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/admin/partners/{partner_id}/credentials/{key_id}": {
              "parameters": [
                {
                  "name": "partner_id",
                  "in": "path",
                  "required": true,
                  "schema": {
                    "type": "string"
                  }
                },
                {
                  "name": "key_id",
                  "in": "path",
                  "required": true,
                  "schema": {
                    "type": "string"
                  }
                }
              ],
              "delete": {
                "operationId": "revokePartnerCredential",
                "summary": "Revoke a credential at once (admin)",
                "x-access": "admin",
                "tags": [
                  "partners"
                ],
                "responses": {
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "204": {
                    "description": "Revoked."
                  },
                  "404": {
                    "description": "`PARTNER_NOT_FOUND` or `PARTNER_CREDENTIAL_NOT_FOUND`.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  }
                }
              }
            },
            "/api/v1/purchases/batch": {
              "post": {
                "operationId": "ingestPurchaseBatch",
                "summary": "Ingest up to 500 purchases, each answered on its own",
                "x-access": "partner",
                "tags": [
                  "purchases"
                ],
                "description": "For partners only (bearer key or signed request, docs/partners.md); a user's token gets 403. Items are ingested with the same rules as single posts, set-based; each result carries the status it would have had alone and the purchase or the error body.",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "type": "object",
                        "required": [
                          "purchases"
                        ],
                        "properties": {
                          "purchases": {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": 500,
                            "items": {
                              "$ref": "#/components/schemas/PurchaseIngestRequest"
                            }
                          }
                        }
                      }
                    }
                  }
                },
                "responses": {
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  },
                  "200": {
                    "description": "One result per item, in order.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "results",
                            "created",
                            "failed"
                          ],
                          "properties": {
                            "created": {
                              "type": "integer"
                            },
                            "failed": {
                              "type": "integer"
                            },
                            "results": {
                              "type": "array",
                              "items": {
                                "type": "object",
                                "required": [
                                  "index",
                                  "status"
                                ],
                                "properties": {
                                  "index": {
                                    "type": "integer"
                                  },
                                  "status": {
                                    "type": "integer"
                                  },
                                  "purchase": {
                                    "$ref": "#/components/schemas/IngestedPurchase"
                                  },
                                  "error": {
                                    "type": "object"
                                  }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR`: `purchases` missing, empty or longer than 500.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "429": {
                    "description": "`RATE_LIMITED`: the caller's ingest budget on this process is used up (`details.retry_after_seconds`).",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      },
                      "Retry-After": {
                        "$ref": "#/components/headers/Retry-After"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  }
                },
                "security": [
                  {
                    "partnerKey": []
                  },
                  {
                    "partnerSignatureKey": [],
                    "partnerSignatureTimestamp": [],
                    "partnerSignature": []
                  }
                ]
              }
            },
            "/api/v1/admin/jobs": {
              "get": {
                "operationId": "listJobs",
                "summary": "The worker's jobs at a glance",
                "tags": [
                  "Jobs"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nFor each job: items per state (`due`: may be claimed now; `running`: leased by a worker; `retrying`: waiting for a later due time after a failed attempt; `parked`: waiting for an operator's redrive), the age of the oldest due item, and whether the job's pause flag (`purchase_confirmation_job`, `payout_settlement_job`, global scope) holds it.",
                "x-access": "admin",
                "responses": {
                  "200": {
                    "description": "One entry per job.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/JobOverviewList"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/admin/jobs/{job}/items": {
              "get": {
                "operationId": "listJobItems",
                "summary": "A job's queue items",
                "tags": [
                  "Jobs"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nThe job's queue rows, oldest due first, optionally in one state.",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "job",
                    "in": "path",
                    "required": true,
                    "description": "`purchase_confirmation` (the bank verification of pending purchases) or `payout_settlement` (the payment rail call of processing payouts). Any other name answers 404 `JOB_NOT_FOUND`.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "purchase_confirmation",
                        "payout_settlement"
                      ]
                    }
                  },
                  {
                    "$ref": "#/components/parameters/Offset"
                  },
                  {
                    "$ref": "#/components/parameters/CatalogLimit"
                  },
                  {
                    "name": "state",
                    "in": "query",
                    "required": false,
                    "description": "`due`, `running`, `retrying` or `parked` (anything else: 422).",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "due",
                        "running",
                        "retrying",
                        "parked"
                      ]
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "A page of items.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/JobItemPage"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "`JOB_NOT_FOUND` (details `job`, `supported_values`) for an unknown job.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): bad `state`, `offset` or `limit`, listed in `details.violations`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/admin/jobs/{job}/items/{item_id}": {
              "get": {
                "operationId": "showJobItem",
                "summary": "One queue item and its attempt history",
                "tags": [
                  "Jobs"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nThe item as `listJobItems` shows it, with its newest attempts from the attempt journal, newest first. The journal is written by the worker about a second after each attempt and pruned after `WORKER_JOURNAL_RETENTION_HOURS`.",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "job",
                    "in": "path",
                    "required": true,
                    "description": "`purchase_confirmation` (the bank verification of pending purchases) or `payout_settlement` (the payment rail call of processing payouts). Any other name answers 404 `JOB_NOT_FOUND`.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "purchase_confirmation",
                        "payout_settlement"
                      ]
                    }
                  },
                  {
                    "name": "item_id",
                    "in": "path",
                    "required": true,
                    "description": "The queue item's id: the purchase id for `purchase_confirmation`, the payout id for `payout_settlement`. A malformed id is simply not found (404).",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  },
                  {
                    "name": "attempts_limit",
                    "in": "query",
                    "required": false,
                    "description": "How many attempts to return, newest first: 1 to 500, default 100.",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 500,
                      "default": 100
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The item and its attempts.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/JobItemHistory"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "`JOB_NOT_FOUND` (details `job`, `supported_values`) for an unknown job; `JOB_ITEM_NOT_FOUND` (details `job`, `item_id`) when the queue holds no such item — settled items leave the queue, their history stays in the ledger and the audit log.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): bad `attempts_limit`, listed in `details.violations`.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/api/v1/admin/jobs/{job}/items/{item_id}/redrive": {
              "post": {
                "operationId": "redriveJobItem",
                "summary": "Redrive a parked item",
                "tags": [
                  "Jobs"
                ],
                "description": "Access: admin (authenticated, active account whose stored role is `admin`).\n\nMakes a parked item due now with a fresh interruption budget and infrastructure streak, so workers claim it again. A purchase keeps its business attempts (a redrive is not a fresh set of chances to reject it); a payout, parked when its business attempts run out, starts them over. Audited as `JOB_ITEM_REDRIVEN` (actor: the admin; details: job, last error and class, attempts, note) in the same transaction. Fix the cause first: an item parked for a reason that still holds parks again.",
                "x-access": "admin",
                "parameters": [
                  {
                    "name": "job",
                    "in": "path",
                    "required": true,
                    "description": "`purchase_confirmation` (the bank verification of pending purchases) or `payout_settlement` (the payment rail call of processing payouts). Any other name answers 404 `JOB_NOT_FOUND`.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "purchase_confirmation",
                        "payout_settlement"
                      ]
                    }
                  },
                  {
                    "name": "item_id",
                    "in": "path",
                    "required": true,
                    "description": "The queue item's id: the purchase id for `purchase_confirmation`, the payout id for `payout_settlement`. A malformed id is simply not found (404).",
                    "schema": {
                      "type": "string",
                      "format": "uuid"
                    }
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/JobRedriveRequest"
                      }
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "The item, now due.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/JobItem"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "403": {
                    "$ref": "#/components/responses/Forbidden"
                  },
                  "404": {
                    "description": "`JOB_NOT_FOUND` (details `job`, `supported_values`) for an unknown job; `JOB_ITEM_NOT_FOUND` (details `job`, `item_id`) when the queue holds no such item — settled items leave the queue, their history stays in the ledger and the audit log.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  },
                  "409": {
                    "description": "`JOB_ITEM_NOT_PARKED` (details `state`): the item is due, running or retrying already; nothing changed.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "413": {
                    "$ref": "#/components/responses/PayloadTooLarge"
                  },
                  "422": {
                    "description": "`VALIDATION_ERROR` (`Request validation failed.`): a missing, empty or over-long `note`, or a body that is not a JSON object.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ErrorEnvelope"
                        }
                      }
                    }
                  },
                  "500": {
                    "$ref": "#/components/responses/InternalError"
                  },
                  "503": {
                    "$ref": "#/components/responses/ServiceUnavailable"
                  }
                }
              }
            },
            "/docs": {
              "get": {
                "operationId": "docsPage",
                "summary": "Interactive API documentation",
                "tags": [
                  "Meta"
                ],
                "description": "Access: anonymous (no token). Swagger UI over this document, with \"Try it out\" and an Authorize dialog for each security scheme. Served from the binary, no CDN; scripts and styles load from this origin only (Content-Security-Policy).",
                "x-access": "anonymous",
                "security": [],
                "responses": {
                  "200": {
                    "description": "The page.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  }
                }
              }
            },
            "/docs/{asset}": {
              "get": {
                "operationId": "docsAsset",
                "summary": "A file of the documentation page",
                "tags": [
                  "Meta"
                ],
                "description": "Access: anonymous (no token). `swagger-ui-bundle.js`, `swagger-ui.css`, `docs-init.js` (and `index.html`, the page itself). Kept a day by caches.",
                "x-access": "anonymous",
                "security": [],
                "parameters": [
                  {
                    "name": "asset",
                    "in": "path",
                    "required": true,
                    "description": "The file's name.",
                    "schema": {
                      "type": "string"
                    }
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The file.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "text/javascript": {
                        "schema": {
                          "type": "string"
                        }
                      },
                      "text/css": {
                        "schema": {
                          "type": "string"
                        }
                      },
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "404": {
                    "description": "`NOT_FOUND` (`resource_type: \"docs_asset\"`): no such file.",
                    "headers": {
                      "X-Request-ID": {
                        "$ref": "#/components/headers/X-Request-ID"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "anyOf": [
                            {
                              "$ref": "#/components/schemas/ErrorEnvelope"
                            },
                            {
                              "$ref": "#/components/schemas/RoutingError"
                            }
                          ]
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "components": {
            "securitySchemes": {
              "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "JWT",
                "description": "`Authorization: Bearer <access_token>` (scheme matched case-insensitively). The access token comes from `POST /api/v1/auth/login` or `/api/v1/auth/refresh`. Admin routes check the role stored on the account, not the token's claim."
              },
              "partnerKey": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "pk_<key id>.<secret>",
                "description": "A partner's key as issued by `POST /api/v1/partners/{partner_id}/credentials`: `Authorization: Bearer <key_id>.<secret>`. Accepted on the two ingestion endpoints only."
              },
              "partnerSignatureKey": {
                "type": "apiKey",
                "in": "header",
                "name": "X-Partner-Key",
                "description": "Signed partner requests (HMAC-SHA256), with `X-Partner-Timestamp` and `X-Partner-Signature`: the key id (`pk_…`) whose secret signs the request."
              },
              "partnerSignatureTimestamp": {
                "type": "apiKey",
                "in": "header",
                "name": "X-Partner-Timestamp",
                "description": "Signed partner requests: the Unix time in seconds when the request was signed; refused more than 300 s from the server's clock."
              },
              "partnerSignature": {
                "type": "apiKey",
                "in": "header",
                "name": "X-Partner-Signature",
                "description": "Signed partner requests: `sha256=` followed by the 64 hex digits of HMAC-SHA256(secret, timestamp + \".\" + raw body), keyed with the secret text exactly as issued. A signature already accepted is refused (`SIGNATURE_REPLAYED`). The partner guide has signing code."
              }
            },
            "schemas": {
              "ErrorEnvelope": {
                "type": "object",
                "description": "The error envelope of every application error (`APIError`): `{\"error\": {\"code\", \"message\", \"details\"}}`. `details` is always an object (`{}` when there is nothing to add); schema-level validation problems are listed in `details.violations` as `{\"field\", \"reason\"}` items.",
                "required": [
                  "error"
                ],
                "properties": {
                  "error": {
                    "type": "object",
                    "required": [
                      "code",
                      "message",
                      "details"
                    ],
                    "properties": {
                      "code": {
                        "type": "string",
                        "description": "Machine-readable error code.",
                        "examples": [
                          "VALIDATION_ERROR",
                          "NOT_FOUND",
                          "INVALID_TOKEN"
                        ]
                      },
                      "message": {
                        "type": "string",
                        "description": "Human-readable sentence."
                      },
                      "details": {
                        "type": "object",
                        "description": "Code-specific details; `{}` when empty."
                      }
                    }
                  }
                },
                "examples": [
                  {
                    "error": {
                      "code": "VALIDATION_ERROR",
                      "message": "Request validation failed.",
                      "details": {
                        "violations": [
                          {
                            "field": "limit",
                            "reason": "Input should be less than or equal to 100"
                          }
                        ]
                      }
                    }
                  }
                ]
              },
              "RoutingError": {
                "type": "object",
                "description": "The framework-style body of routing failures (`{\"detail\": \"Not Found\"}`), used when a request path matches no registered route. Not the error envelope.",
                "required": [
                  "detail"
                ],
                "properties": {
                  "detail": {
                    "type": "string",
                    "examples": [
                      "Not Found"
                    ]
                  }
                }
              },
              "Uuid": {
                "type": "string",
                "format": "uuid",
                "description": "Lower-case, hyphenated UUID."
              },
              "UuidInput": {
                "type": "string",
                "format": "uuid",
                "description": "A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated."
              },
              "DateInput": {
                "type": "string",
                "format": "date",
                "description": "A calendar date, exactly `YYYY-MM-DD` (year 0001-9999)."
              },
              "LenientBoolean": {
                "description": "A boolean. The decoder also accepts the strings true/false/1/0/yes/no/on/off/t/f/y/n (any case) and the numbers 0 and 1.",
                "anyOf": [
                  {
                    "type": "boolean"
                  },
                  {
                    "type": "string",
                    "pattern": "^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|1|0|[Yy][Ee][Ss]|[Nn][Oo]|[Oo][Nn]|[Oo][Ff][Ff]|[Tt]|[Ff]|[Yy]|[Nn])$"
                  },
                  {
                    "type": "integer",
                    "enum": [
                      0,
                      1
                    ]
                  }
                ]
              },
              "NonNegativeDecimalInput": {
                "description": "An exact decimal >= 0: a JSON number, or a string holding a plain decimal number (no exponent; surrounding spaces ignored).",
                "anyOf": [
                  {
                    "type": "number",
                    "minimum": 0
                  },
                  {
                    "type": "string",
                    "pattern": "^[ \\t]*(?:\\+?[0-9]+(?:\\.[0-9]+)?|-0+(?:\\.0+)?)[ \\t]*$",
                    "maxLength": 38
                  }
                ]
              },
              "PositiveDecimalInput": {
                "description": "An exact decimal > 0: a JSON number, or a string holding a plain decimal number (no exponent; surrounding spaces ignored).",
                "anyOf": [
                  {
                    "type": "number",
                    "exclusiveMinimum": 0
                  },
                  {
                    "type": "string",
                    "pattern": "^[ \\t]*\\+?(?:0*[1-9][0-9]*(?:\\.[0-9]+)?|0+\\.[0-9]*[1-9][0-9]*)[ \\t]*$",
                    "maxLength": 38
                  }
                ]
              },
              "MoneyInput": {
                "description": "A money amount in EUR: a JSON number or a string holding a plain decimal number (no exponent; surrounding spaces ignored). Must be > 0, at most 9999999999.99, and have at most two decimal places by value (`\"100.10\"` and `\"100.100\"` pass, `\"100.001\"` is refused, never rounded).",
                "anyOf": [
                  {
                    "type": "number",
                    "exclusiveMinimum": 0,
                    "maximum": 9999999999.99,
                    "multipleOf": 0.01
                  },
                  {
                    "type": "string",
                    "pattern": "^[ \\t]*\\+?(?:0*[1-9][0-9]{0,9}(?:\\.[0-9]{1,2}0*)?|0+\\.(?:0[1-9]|[1-9][0-9]?)0*)[ \\t]*$",
                    "maxLength": 38
                  }
                ],
                "examples": [
                  "100.00",
                  25.5
                ]
              },
              "Money": {
                "type": "string",
                "pattern": "^-?[0-9]+\\.[0-9]{2}$",
                "description": "A money amount as a decimal string with exactly two decimals (`\"100.50\"`).",
                "examples": [
                  "100.50"
                ]
              },
              "UtcTimestamp": {
                "type": "string",
                "format": "date-time",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{6})?Z$",
                "description": "ISO-8601 in UTC with `Z`; six fractional digits only when non-zero.",
                "examples": [
                  "2026-03-06T13:34:26.363606Z"
                ]
              },
              "NaiveTimestamp": {
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{6})?$",
                "description": "ISO-8601 without a zone designator (the value is UTC); six fractional digits only when non-zero.",
                "examples": [
                  "2026-03-06T13:34:26.363606"
                ]
              },
              "Pagination": {
                "type": "object",
                "required": [
                  "offset",
                  "limit",
                  "total"
                ],
                "properties": {
                  "offset": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "The request's offset (after defaults)."
                  },
                  "limit": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "The request's limit (after defaults)."
                  },
                  "total": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Rows matching the filters, ignoring paging."
                  }
                }
              },
              "HealthStatus": {
                "type": "object",
                "required": [
                  "status"
                ],
                "properties": {
                  "status": {
                    "type": "string",
                    "enum": [
                      "alive",
                      "ready",
                      "unavailable"
                    ]
                  }
                }
              },
              "LoginRequest": {
                "type": "object",
                "required": [
                  "email",
                  "password"
                ],
                "properties": {
                  "email": {
                    "type": "string",
                    "format": "email",
                    "description": "A syntactically valid e-mail address (trimmed; display-name form `Name <addr>` accepted; the domain needs a dot and must not be a special-use name such as `.test` or `.local`). The domain is lower-cased before lookup."
                  },
                  "password": {
                    "type": "string",
                    "description": "Any string.",
                    "maxLength": 1024
                  }
                }
              },
              "RefreshRequest": {
                "type": "object",
                "required": [
                  "refresh_token"
                ],
                "properties": {
                  "refresh_token": {
                    "type": "string",
                    "description": "A refresh token from login or refresh.",
                    "maxLength": 4096
                  }
                }
              },
              "TokenPair": {
                "type": "object",
                "required": [
                  "access_token",
                  "refresh_token",
                  "token_type"
                ],
                "properties": {
                  "access_token": {
                    "type": "string",
                    "description": "JWT (HS256) access token."
                  },
                  "refresh_token": {
                    "type": "string",
                    "description": "JWT refresh token, single use.",
                    "maxLength": 4096
                  },
                  "token_type": {
                    "type": "string",
                    "const": "bearer"
                  }
                }
              },
              "RegisterRequest": {
                "type": "object",
                "required": [
                  "email",
                  "password"
                ],
                "properties": {
                  "email": {
                    "type": "string",
                    "format": "email",
                    "description": "A syntactically valid e-mail address (trimmed; display-name form `Name <addr>` accepted; the domain needs a dot and must not be a special-use name such as `.test` or `.local`). The domain is lower-cased before lookup. One account per mailbox (409 for another spelling of a registered one); mixed-script and look-alike addresses answer 422."
                  },
                  "password": {
                    "type": "string",
                    "minLength": 8,
                    "description": "Complexity (400 `PASSWORD_NOT_COMPLEX_ENOUGH`, first broken rule reported): at least 8 characters, an ASCII upper-case letter, an ASCII lower-case letter, a digit and a character outside `A-Z a-z 0-9`. At most 72 bytes of UTF-8 (bcrypt reads no more), else 422 `VALIDATION_ERROR`.",
                    "maxLength": 128
                  },
                  "active": {
                    "description": "Accepted and ignored (every new account is active), but must be a boolean or null.",
                    "anyOf": [
                      {
                        "$ref": "#/components/schemas/LenientBoolean"
                      },
                      {
                        "type": "null"
                      }
                    ]
                  }
                }
              },
              "User": {
                "type": "object",
                "required": [
                  "email",
                  "active",
                  "id",
                  "role",
                  "created_at"
                ],
                "properties": {
                  "email": {
                    "type": "string",
                    "description": "The normalised e-mail address."
                  },
                  "active": {
                    "type": "boolean"
                  },
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "role": {
                    "type": "string",
                    "enum": [
                      "user",
                      "admin"
                    ]
                  },
                  "created_at": {
                    "$ref": "#/components/schemas/UtcTimestamp"
                  }
                }
              },
              "MerchantCreateRequest": {
                "type": "object",
                "required": [
                  "name",
                  "default_cashback_percentage"
                ],
                "properties": {
                  "name": {
                    "type": "string",
                    "description": "Any string (empty accepted); must be unique (409).",
                    "maxLength": 200
                  },
                  "default_cashback_percentage": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/NonNegativeDecimalInput"
                      }
                    ],
                    "description": "A decimal (number or numeric string). Business rule: `0 <= value <= MAX_CASHBACK_PERCENTAGE` (default 20), otherwise 409 `VALIDATION_ERROR` (`Cashback percentage not valid.`)."
                  },
                  "active": {
                    "description": "Optional, default `true`.",
                    "anyOf": [
                      {
                        "$ref": "#/components/schemas/LenientBoolean"
                      },
                      {
                        "type": "null"
                      }
                    ]
                  }
                }
              },
              "Merchant": {
                "type": "object",
                "required": [
                  "name",
                  "default_cashback_percentage",
                  "active",
                  "id"
                ],
                "properties": {
                  "name": {
                    "type": "string",
                    "maxLength": 200
                  },
                  "default_cashback_percentage": {
                    "type": "number",
                    "description": "A JSON number (e.g. `7.5`, `20`)."
                  },
                  "active": {
                    "type": "boolean"
                  },
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  }
                }
              },
              "StatusRequest": {
                "type": "object",
                "required": [
                  "status"
                ],
                "properties": {
                  "status": {
                    "type": "string",
                    "enum": [
                      "active",
                      "inactive"
                    ]
                  }
                }
              },
              "StatusResponse": {
                "type": "object",
                "required": [
                  "id",
                  "status"
                ],
                "properties": {
                  "id": {
                    "type": "string",
                    "description": "The id exactly as given in the path (not re-formatted)."
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "active",
                      "inactive"
                    ]
                  }
                }
              },
              "OfferCreateRequest": {
                "type": "object",
                "required": [
                  "merchant_id",
                  "cashback_type",
                  "cashback_value",
                  "start_date",
                  "end_date",
                  "monthly_cap"
                ],
                "properties": {
                  "merchant_id": {
                    "$ref": "#/components/schemas/UuidInput"
                  },
                  "cashback_type": {
                    "type": "string",
                    "enum": [
                      "percent",
                      "fixed"
                    ]
                  },
                  "cashback_value": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/PositiveDecimalInput"
                      }
                    ],
                    "description": "A decimal (number or numeric string). Business rules (400 `VALIDATION_ERROR`): `percent` needs `0 < value <= MAX_CASHBACK_PERCENTAGE` (default 20) with at most 4 decimals; `fixed` needs whole cents from 0.01 to 9999999999.99. A fixed cashback never exceeds the purchase amount."
                  },
                  "start_date": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/DateInput"
                      }
                    ],
                    "description": "`YYYY-MM-DD`; from today (UTC) to 366 days ahead, else 400."
                  },
                  "end_date": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/DateInput"
                      }
                    ],
                    "description": "`YYYY-MM-DD`; must not be before `start_date`, else 400."
                  },
                  "monthly_cap": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/PositiveDecimalInput"
                      }
                    ],
                    "description": "A decimal (number or numeric string); whole cents from 0.01 to 9999999999.99, else 400."
                  }
                }
              },
              "Offer": {
                "type": "object",
                "description": "`OfferOut`: creation and the full catalogue.",
                "required": [
                  "id",
                  "merchant_id",
                  "cashback_type",
                  "cashback_value",
                  "start_date",
                  "end_date",
                  "monthly_cap_per_user",
                  "status"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "merchant_id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "cashback_type": {
                    "type": "string",
                    "enum": [
                      "percent",
                      "fixed"
                    ]
                  },
                  "cashback_value": {
                    "type": "number"
                  },
                  "start_date": {
                    "type": "string",
                    "format": "date"
                  },
                  "end_date": {
                    "type": "string",
                    "format": "date"
                  },
                  "monthly_cap_per_user": {
                    "type": "number"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "active",
                      "inactive"
                    ]
                  }
                }
              },
              "ActiveOffer": {
                "type": "object",
                "description": "`ActiveOfferOut`: what users browse.",
                "required": [
                  "id",
                  "merchant_name",
                  "cashback_type",
                  "cashback_value",
                  "monthly_cap",
                  "start_date",
                  "end_date"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "merchant_name": {
                    "type": "string"
                  },
                  "cashback_type": {
                    "type": "string",
                    "enum": [
                      "percent",
                      "fixed"
                    ]
                  },
                  "cashback_value": {
                    "type": "number"
                  },
                  "monthly_cap": {
                    "type": "number"
                  },
                  "start_date": {
                    "type": "string",
                    "format": "date"
                  },
                  "end_date": {
                    "type": "string",
                    "format": "date"
                  }
                }
              },
              "OfferDetails": {
                "type": "object",
                "description": "`OfferDetailsOut`: the active-list fields plus `status`.",
                "required": [
                  "id",
                  "merchant_name",
                  "cashback_type",
                  "cashback_value",
                  "monthly_cap",
                  "start_date",
                  "end_date",
                  "status"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "merchant_name": {
                    "type": "string"
                  },
                  "cashback_type": {
                    "type": "string",
                    "enum": [
                      "percent",
                      "fixed"
                    ]
                  },
                  "cashback_value": {
                    "type": "number"
                  },
                  "monthly_cap": {
                    "type": "number"
                  },
                  "start_date": {
                    "type": "string",
                    "format": "date"
                  },
                  "end_date": {
                    "type": "string",
                    "format": "date"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "active",
                      "inactive"
                    ]
                  }
                }
              },
              "PurchaseIngestRequest": {
                "type": "object",
                "required": [
                  "external_id",
                  "user_id",
                  "merchant_id",
                  "amount",
                  "currency"
                ],
                "properties": {
                  "external_id": {
                    "type": "string",
                    "minLength": 1,
                    "description": "The idempotency key, unique across all users (409 `DUPLICATE_PURCHASE` when reused).",
                    "maxLength": 255
                  },
                  "user_id": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/UuidInput"
                      }
                    ],
                    "description": "Must be the caller's own id (403 `FORBIDDEN` otherwise)."
                  },
                  "merchant_id": {
                    "$ref": "#/components/schemas/UuidInput"
                  },
                  "amount": {
                    "$ref": "#/components/schemas/MoneyInput"
                  },
                  "currency": {
                    "type": "string",
                    "minLength": 3,
                    "maxLength": 3,
                    "pattern": "^[Ee][Uu][Rr]$",
                    "description": "Exactly 3 characters (else 422 `VALIDATION_ERROR`); only `EUR`, in any case, is accepted (else 422 `UNSUPPORTED_CURRENCY`). Stored as sent."
                  }
                }
              },
              "Purchase": {
                "type": "object",
                "description": "`PurchaseOut`: the answer of admin confirmation and reversal.",
                "required": [
                  "id",
                  "status",
                  "cashback_amount"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "pending",
                      "confirmed",
                      "rejected",
                      "reversed"
                    ]
                  },
                  "cashback_amount": {
                    "$ref": "#/components/schemas/Money"
                  },
                  "cap_applied": {
                    "type": "boolean",
                    "description": "Only present on ingestion."
                  }
                }
              },
              "IngestedPurchase": {
                "type": "object",
                "description": "`PurchaseOut` plus `cap_applied`: the answer of ingestion.",
                "required": [
                  "id",
                  "status",
                  "cashback_amount",
                  "cap_applied"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "pending",
                      "confirmed",
                      "rejected",
                      "reversed"
                    ]
                  },
                  "cashback_amount": {
                    "$ref": "#/components/schemas/Money"
                  },
                  "cap_applied": {
                    "type": "boolean",
                    "description": "Whether the offer's monthly cap reduced the cashback (possibly to 0.00)."
                  }
                }
              },
              "PurchaseDetails": {
                "type": "object",
                "description": "`PurchaseDetailsOut` / `UserPurchaseOut`.",
                "required": [
                  "id",
                  "merchant_name",
                  "amount",
                  "status",
                  "cashback_amount",
                  "cashback_status",
                  "created_at"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "merchant_name": {
                    "type": "string",
                    "description": "The merchant's current name, `Unknown` if missing."
                  },
                  "amount": {
                    "$ref": "#/components/schemas/Money"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "pending",
                      "confirmed",
                      "rejected",
                      "reversed"
                    ]
                  },
                  "cashback_amount": {
                    "$ref": "#/components/schemas/Money"
                  },
                  "cashback_status": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "description": "Always `null` (spec IC-18)."
                  },
                  "created_at": {
                    "$ref": "#/components/schemas/NaiveTimestamp"
                  }
                }
              },
              "PurchaseAdmin": {
                "type": "object",
                "description": "`PurchaseAdminOut` (no `cashback_amount`).",
                "required": [
                  "id",
                  "external_id",
                  "user_id",
                  "merchant_id",
                  "offer_id",
                  "amount",
                  "currency",
                  "status",
                  "created_at"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "external_id": {
                    "type": "string",
                    "maxLength": 255
                  },
                  "user_id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "merchant_id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "offer_id": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "uuid",
                    "description": "`null` for legacy rows."
                  },
                  "amount": {
                    "$ref": "#/components/schemas/Money"
                  },
                  "currency": {
                    "type": "string",
                    "description": "As submitted (`EUR`, `eur`, ...)."
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "pending",
                      "confirmed",
                      "rejected",
                      "reversed"
                    ]
                  },
                  "created_at": {
                    "$ref": "#/components/schemas/NaiveTimestamp"
                  }
                }
              },
              "Wallet": {
                "type": "object",
                "required": [
                  "pending_balance",
                  "available_balance",
                  "paid_balance",
                  "owed_balance"
                ],
                "properties": {
                  "pending_balance": {
                    "type": "string",
                    "pattern": "^(?:-?[0-9]+\\.[0-9]{2}|0)$",
                    "description": "Decimal string with two decimals; `\"0\"` when the user has no wallet row."
                  },
                  "available_balance": {
                    "type": "string",
                    "pattern": "^(?:-?[0-9]+\\.[0-9]{2}|0)$",
                    "description": "Decimal string with two decimals; `\"0\"` when the user has no wallet row."
                  },
                  "paid_balance": {
                    "type": "string",
                    "pattern": "^(?:-?[0-9]+\\.[0-9]{2}|0)$",
                    "description": "Decimal string with two decimals; `\"0\"` when the user has no wallet row."
                  },
                  "owed_balance": {
                    "type": "string",
                    "pattern": "^(?:[0-9]+\\.[0-9]{2}|0)$",
                    "description": "What the user owes back: cashback reversed after it had been withdrawn. Later confirmed cashback (and refunded payouts) pay it off first; while it is above zero the available balance is zero, so no payout can be requested. An addition to the spec; `\"0\"` when the user has no wallet row."
                  }
                }
              },
              "WalletTransaction": {
                "type": "object",
                "required": [
                  "id",
                  "type",
                  "amount",
                  "status",
                  "related_purchase_id"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "type": {
                    "type": "string",
                    "const": "cashback_credit"
                  },
                  "amount": {
                    "$ref": "#/components/schemas/Money"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "pending",
                      "available",
                      "reversed"
                    ]
                  },
                  "related_purchase_id": {
                    "$ref": "#/components/schemas/Uuid"
                  }
                }
              },
              "LedgerEntry": {
                "type": "object",
                "required": [
                  "id",
                  "bucket",
                  "delta",
                  "reason",
                  "reference_id",
                  "created_at"
                ],
                "properties": {
                  "id": {
                    "type": "integer",
                    "format": "int64"
                  },
                  "bucket": {
                    "type": "string",
                    "enum": [
                      "pending",
                      "available",
                      "paid",
                      "owed"
                    ]
                  },
                  "delta": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/Money"
                      }
                    ],
                    "description": "Signed, never zero."
                  },
                  "reason": {
                    "type": "string",
                    "enum": [
                      "purchase_ingested",
                      "purchase_confirmed",
                      "purchase_rejected",
                      "purchase_reversed",
                      "payout_requested",
                      "payout_completed",
                      "payout_failed",
                      "debt_repaid"
                    ]
                  },
                  "reference_id": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/Uuid"
                      }
                    ],
                    "description": "The purchase or payout that caused the movement."
                  },
                  "created_at": {
                    "$ref": "#/components/schemas/UtcTimestamp"
                  }
                }
              },
              "PayoutRequest": {
                "type": "object",
                "required": [
                  "amount",
                  "method",
                  "details"
                ],
                "properties": {
                  "amount": {
                    "allOf": [
                      {
                        "$ref": "#/components/schemas/MoneyInput"
                      }
                    ],
                    "description": "Money (number or numeric string), > 0, at most two decimals, <= 9999999999.99. Business rule: at least `PAYOUT_MINIMUM_AMOUNT` (default 10.00), else 422 `UNPROCESSABLE_ENTITY`; at most the available balance, else 409 `INSUFFICIENT_BALANCE`."
                  },
                  "method": {
                    "type": "string",
                    "enum": [
                      "bank_transfer",
                      "card"
                    ]
                  },
                  "details": {
                    "type": "object",
                    "description": "Destination details: an object whose values are all strings. `bank_transfer` needs a valid `iban` (spaces and lower case allowed, mod-97 check digits verified); `card` needs a non-empty `card_token`. Values that look like a full card number are refused under any key.",
                    "properties": {
                      "iban": {
                        "allOf": [
                          {
                            "type": "string",
                            "not": {
                              "pattern": "^[ -]*(?:[0-9][ -]*){13,19}$"
                            },
                            "description": "Any string except something that looks like a full card number (13-19 digits)."
                          }
                        ],
                        "examples": [
                          "ES91 2100 0418 4502 0005 1332"
                        ]
                      },
                      "card_token": {
                        "allOf": [
                          {
                            "type": "string",
                            "not": {
                              "pattern": "^[ -]*(?:[0-9][ -]*){13,19}$"
                            },
                            "description": "Any string except something that looks like a full card number (13-19 digits)."
                          }
                        ],
                        "examples": [
                          "tok_demo"
                        ]
                      },
                      "account_holder": {
                        "type": "string",
                        "not": {
                          "pattern": "^[ -]*(?:[0-9][ -]*){13,19}$"
                        },
                        "description": "Any string except something that looks like a full card number (13-19 digits)."
                      }
                    },
                    "additionalProperties": {
                      "type": "string",
                      "not": {
                        "pattern": "^[ -]*(?:[0-9][ -]*){13,19}$"
                      },
                      "description": "Any string except something that looks like a full card number (13-19 digits)."
                    }
                  }
                },
                "oneOf": [
                  {
                    "title": "Bank transfer",
                    "properties": {
                      "method": {
                        "const": "bank_transfer"
                      },
                      "details": {
                        "required": [
                          "iban"
                        ],
                        "properties": {
                          "iban": {
                            "type": "string",
                            "pattern": "^ *[A-Za-z] *[A-Za-z] *[0-9] *[0-9](?: *[A-Za-z0-9]){11,30} *$"
                          }
                        }
                      }
                    }
                  },
                  {
                    "title": "Card",
                    "properties": {
                      "method": {
                        "const": "card"
                      },
                      "details": {
                        "required": [
                          "card_token"
                        ],
                        "properties": {
                          "card_token": {
                            "type": "string",
                            "minLength": 1
                          }
                        }
                      }
                    }
                  }
                ]
              },
              "Payout": {
                "type": "object",
                "description": "A payout as its owner sees it.",
                "required": [
                  "id",
                  "status",
                  "amount",
                  "method",
                  "requested_at",
                  "processed_at",
                  "external_reference"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "requested",
                      "processing",
                      "completed",
                      "failed"
                    ]
                  },
                  "amount": {
                    "$ref": "#/components/schemas/Money"
                  },
                  "method": {
                    "type": "string",
                    "enum": [
                      "bank_transfer",
                      "card"
                    ]
                  },
                  "requested_at": {
                    "$ref": "#/components/schemas/UtcTimestamp"
                  },
                  "processed_at": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "date-time",
                    "description": "Set on `completed` and `failed`; UTC with `Z`."
                  },
                  "external_reference": {
                    "type": [
                      "string",
                      "null"
                    ]
                  }
                }
              },
              "AdminPayout": {
                "type": "object",
                "description": "A payout as admins see it (adds `user_id`).",
                "required": [
                  "id",
                  "status",
                  "amount",
                  "method",
                  "requested_at",
                  "processed_at",
                  "external_reference",
                  "user_id"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "requested",
                      "processing",
                      "completed",
                      "failed"
                    ]
                  },
                  "amount": {
                    "$ref": "#/components/schemas/Money"
                  },
                  "method": {
                    "type": "string",
                    "enum": [
                      "bank_transfer",
                      "card"
                    ]
                  },
                  "requested_at": {
                    "$ref": "#/components/schemas/UtcTimestamp"
                  },
                  "processed_at": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "date-time",
                    "description": "Set on `completed` and `failed`; UTC with `Z`."
                  },
                  "external_reference": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "user_id": {
                    "$ref": "#/components/schemas/Uuid"
                  }
                }
              },
              "PayoutList": {
                "type": "object",
                "description": "The payout listing body `{\"payouts\": [...], \"total\": N}`.",
                "required": [
                  "payouts",
                  "total"
                ],
                "properties": {
                  "payouts": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Payout"
                    }
                  },
                  "total": {
                    "type": "integer",
                    "minimum": 0
                  }
                }
              },
              "AdminPayoutList": {
                "type": "object",
                "description": "The admin payout listing body `{\"payouts\": [...], \"total\": N}`; items carry `user_id`.",
                "required": [
                  "payouts",
                  "total"
                ],
                "properties": {
                  "payouts": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/AdminPayout"
                    }
                  },
                  "total": {
                    "type": "integer",
                    "minimum": 0
                  }
                }
              },
              "PayoutProcessRequest": {
                "type": "object",
                "required": [
                  "status"
                ],
                "properties": {
                  "status": {
                    "type": "string",
                    "enum": [
                      "processing",
                      "completed",
                      "failed"
                    ],
                    "description": "Target status. Any other string: 400 `VALIDATION_ERROR` `Unsupported payout status.`."
                  }
                }
              },
              "PayoutProcessResult": {
                "type": "object",
                "required": [
                  "id",
                  "status"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "requested",
                      "processing",
                      "completed",
                      "failed"
                    ]
                  }
                }
              },
              "FeatureFlagPutRequest": {
                "type": "object",
                "required": [
                  "enabled"
                ],
                "properties": {
                  "enabled": {
                    "$ref": "#/components/schemas/LenientBoolean"
                  },
                  "scope_type": {
                    "description": "Default `global`.",
                    "anyOf": [
                      {
                        "type": "string",
                        "enum": [
                          "global",
                          "merchant",
                          "user"
                        ]
                      },
                      {
                        "type": "null"
                      }
                    ]
                  },
                  "scope_id": {
                    "description": "Required when `scope_type` is `merchant` or `user` (422 `FEATURE_FLAG_SCOPE_ID_REQUIRED`). A UUID. Accepted in any case, hyphenated (8-4-4-4-12) or as 32 hexadecimal digits without hyphens; always returned lower-case and hyphenated.",
                    "anyOf": [
                      {
                        "$ref": "#/components/schemas/UuidInput"
                      },
                      {
                        "type": "null"
                      }
                    ]
                  },
                  "description": {
                    "description": "A null or absent description keeps the stored one on update.",
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 1000
                  }
                }
              },
              "FeatureFlag": {
                "type": "object",
                "description": "`FeatureFlagOut`.",
                "required": [
                  "id",
                  "key",
                  "enabled",
                  "scope_type",
                  "scope_id",
                  "description",
                  "created_at",
                  "updated_at"
                ],
                "properties": {
                  "id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "key": {
                    "type": "string"
                  },
                  "enabled": {
                    "type": "boolean"
                  },
                  "scope_type": {
                    "type": "string",
                    "enum": [
                      "global",
                      "merchant",
                      "user"
                    ]
                  },
                  "scope_id": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "uuid"
                  },
                  "description": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 1000
                  },
                  "created_at": {
                    "$ref": "#/components/schemas/UtcTimestamp"
                  },
                  "updated_at": {
                    "$ref": "#/components/schemas/UtcTimestamp"
                  }
                }
              },
              "FlagEvaluation": {
                "type": "object",
                "required": [
                  "key",
                  "enabled"
                ],
                "properties": {
                  "key": {
                    "type": "string"
                  },
                  "enabled": {
                    "type": "boolean"
                  }
                }
              },
              "MerchantPage": {
                "type": "object",
                "description": "A page of merchants.",
                "required": [
                  "data",
                  "pagination"
                ],
                "properties": {
                  "data": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Merchant"
                    }
                  },
                  "pagination": {
                    "$ref": "#/components/schemas/Pagination"
                  }
                }
              },
              "OfferPage": {
                "type": "object",
                "description": "A page of offers (full catalogue, inactive included).",
                "required": [
                  "data",
                  "pagination"
                ],
                "properties": {
                  "data": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Offer"
                    }
                  },
                  "pagination": {
                    "$ref": "#/components/schemas/Pagination"
                  }
                }
              },
              "ActiveOfferPage": {
                "type": "object",
                "description": "A page of offers usable today.",
                "required": [
                  "data",
                  "pagination"
                ],
                "properties": {
                  "data": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/ActiveOffer"
                    }
                  },
                  "pagination": {
                    "$ref": "#/components/schemas/Pagination"
                  }
                }
              },
              "FeatureFlagPage": {
                "type": "object",
                "description": "A page of feature-flag records, newest first.",
                "required": [
                  "data",
                  "pagination"
                ],
                "properties": {
                  "data": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/FeatureFlag"
                    }
                  },
                  "pagination": {
                    "$ref": "#/components/schemas/Pagination"
                  }
                }
              },
              "PurchaseDetailsPage": {
                "type": "object",
                "description": "A page of the caller's purchases, newest first.",
                "required": [
                  "data",
                  "pagination"
                ],
                "properties": {
                  "data": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/PurchaseDetails"
                    }
                  },
                  "pagination": {
                    "$ref": "#/components/schemas/Pagination"
                  }
                }
              },
              "PurchaseAdminPage": {
                "type": "object",
                "description": "A page of purchases, newest first.",
                "required": [
                  "data",
                  "pagination"
                ],
                "properties": {
                  "data": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/PurchaseAdmin"
                    }
                  },
                  "pagination": {
                    "$ref": "#/components/schemas/Pagination"
                  }
                }
              },
              "WalletTransactionPage": {
                "type": "object",
                "description": "A page of cashback transactions, newest first.",
                "required": [
                  "data",
                  "pagination"
                ],
                "properties": {
                  "data": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/WalletTransaction"
                    }
                  },
                  "pagination": {
                    "$ref": "#/components/schemas/Pagination"
                  }
                }
              },
              "LedgerEntryPage": {
                "type": "object",
                "description": "A page of ledger rows, newest first.",
                "required": [
                  "data",
                  "pagination"
                ],
                "properties": {
                  "data": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/LedgerEntry"
                    }
                  },
                  "pagination": {
                    "$ref": "#/components/schemas/Pagination"
                  }
                }
              },
              "OpenAPIDocument": {
                "type": "object",
                "description": "This OpenAPI 3.1 document.",
                "required": [
                  "openapi",
                  "info",
                  "paths"
                ],
                "properties": {
                  "openapi": {
                    "type": "string"
                  },
                  "info": {
                    "type": "object"
                  },
                  "paths": {
                    "type": "object"
                  }
                }
              },
              "JobName": {
                "type": "string",
                "enum": [
                  "purchase_confirmation",
                  "payout_settlement"
                ]
              },
              "JobOverview": {
                "type": "object",
                "required": [
                  "job",
                  "paused",
                  "counts",
                  "oldest_due_age_seconds"
                ],
                "properties": {
                  "job": {
                    "$ref": "#/components/schemas/JobName"
                  },
                  "paused": {
                    "type": "boolean",
                    "description": "The job's global pause flag is disabled: workers claim none of its items."
                  },
                  "counts": {
                    "type": "object",
                    "required": [
                      "due",
                      "running",
                      "retrying",
                      "parked"
                    ],
                    "properties": {
                      "due": {
                        "type": "integer",
                        "minimum": 0
                      },
                      "running": {
                        "type": "integer",
                        "minimum": 0
                      },
                      "retrying": {
                        "type": "integer",
                        "minimum": 0
                      },
                      "parked": {
                        "type": "integer",
                        "minimum": 0
                      }
                    }
                  },
                  "oldest_due_age_seconds": {
                    "type": "number",
                    "minimum": 0,
                    "description": "Seconds since the oldest due item became due; 0 when nothing is due."
                  }
                }
              },
              "JobOverviewList": {
                "type": "object",
                "required": [
                  "data"
                ],
                "properties": {
                  "data": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/JobOverview"
                    }
                  }
                }
              },
              "JobItem": {
                "type": "object",
                "description": "A queue row: where it stands, what it cost so far and the last thing that went wrong.",
                "required": [
                  "job",
                  "item_id",
                  "state",
                  "attempts",
                  "claims",
                  "interruptions",
                  "next_attempt_at",
                  "failing_since",
                  "parked_at",
                  "lease_owner",
                  "last_error",
                  "last_error_class",
                  "created_at"
                ],
                "properties": {
                  "job": {
                    "$ref": "#/components/schemas/JobName"
                  },
                  "item_id": {
                    "$ref": "#/components/schemas/Uuid"
                  },
                  "state": {
                    "type": "string",
                    "enum": [
                      "due",
                      "running",
                      "retrying",
                      "parked"
                    ]
                  },
                  "attempts": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Business attempts, counted when claimed (a crash counts)."
                  },
                  "claims": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Every claim, business or not."
                  },
                  "interruptions": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Consecutive attempts that ended without an answer of the item's own (crash, lost lease, database refusal); parked at `WORKER_MAX_INTERRUPTIONS`."
                  },
                  "next_attempt_at": {
                    "type": "string",
                    "format": "date-time"
                  },
                  "failing_since": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "date-time",
                    "description": "Start of the current run of infrastructure failures; parked once it is older than `WORKER_INFRA_RETRY_HORIZON_SECONDS`."
                  },
                  "parked_at": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "date-time"
                  },
                  "lease_owner": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "description": "The worker holding or last holding the lease."
                  },
                  "last_error": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "last_error_class": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "description": "`business`, `timeout`, `connection`, `http_5xx`, `rate_limited`, `malformed`, `interrupted`…"
                  },
                  "created_at": {
                    "type": "string",
                    "format": "date-time"
                  }
                }
              },
              "JobItemPage": {
                "type": "object",
                "description": "A page of queue items, oldest due first.",
                "required": [
                  "data",
                  "pagination"
                ],
                "properties": {
                  "data": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/JobItem"
                    }
                  },
                  "pagination": {
                    "$ref": "#/components/schemas/Pagination"
                  }
                }
              },
              "JobAttempt": {
                "type": "object",
                "description": "One line of the attempt journal.",
                "required": [
                  "attempt",
                  "worker",
                  "started_at",
                  "duration_ms",
                  "outcome",
                  "error_class",
                  "message"
                ],
                "properties": {
                  "attempt": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "worker": {
                    "type": "string"
                  },
                  "started_at": {
                    "type": "string",
                    "format": "date-time"
                  },
                  "duration_ms": {
                    "type": [
                      "number",
                      "null"
                    ],
                    "description": "`null` for a crashed attempt, whose end nobody saw."
                  },
                  "outcome": {
                    "type": "string",
                    "description": "`confirmed`, `rejected`, `completed`, `failed`, `retry`, `unavailable`, `interrupted`, `parked`, `crashed`…"
                  },
                  "error_class": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "message": {
                    "type": [
                      "string",
                      "null"
                    ]
                  }
                }
              },
              "JobItemHistory": {
                "type": "object",
                "required": [
                  "item",
                  "attempts"
                ],
                "properties": {
                  "item": {
                    "$ref": "#/components/schemas/JobItem"
                  },
                  "attempts": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/JobAttempt"
                    }
                  }
                }
              },
              "JobRedriveRequest": {
                "type": "object",
                "required": [
                  "note"
                ],
                "properties": {
                  "note": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 500,
                    "description": "Why the item is redriven (the cause that was fixed), for the audit trail."
                  }
                }
              }
            },
            "parameters": {
              "Offset": {
                "name": "offset",
                "in": "query",
                "required": false,
                "description": "Rows to skip (>= 0, default 0).",
                "schema": {
                  "type": "integer",
                  "minimum": 0,
                  "maximum": 9223372036854775807,
                  "default": 0
                }
              },
              "CatalogLimit": {
                "name": "limit",
                "in": "query",
                "required": false,
                "description": "Page size: 1 to `MAX_PAGE_SIZE` (100 unless configured), default `DEFAULT_PAGE_SIZE` (20 unless configured).",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 100,
                  "default": 20
                }
              },
              "FixedLimit": {
                "name": "limit",
                "in": "query",
                "required": false,
                "description": "Page size: 1 to 100, default 10.",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 100,
                  "default": 10
                }
              },
              "IdempotencyKey": {
                "name": "Idempotency-Key",
                "in": "header",
                "required": false,
                "description": "Optional, 1-128 characters, per user. Repeating a key with the same amount, method and details answers 201 with the first payout and `Idempotent-Replayed: true`; a different request with a used key answers 409 `IDEMPOTENCY_KEY_REUSED`.",
                "schema": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 128
                }
              }
            },
            "headers": {
              "X-Request-ID": {
                "description": "The request id: the caller's `X-Request-ID` when sane (1-128 characters of letters, digits and `-._:`), a generated UUID otherwise.",
                "schema": {
                  "type": "string",
                  "pattern": "^[A-Za-z0-9._:-]{1,128}$"
                }
              },
              "WWW-Authenticate": {
                "description": "`Bearer` on failures of the bearer-token authentication.",
                "schema": {
                  "type": "string"
                }
              },
              "Retry-After": {
                "description": "Seconds to wait before retrying (whole seconds, at least 1).",
                "required": true,
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]+$"
                }
              },
              "Idempotent-Replayed": {
                "description": "`true` when the answer is the payout an earlier request with the same `Idempotency-Key` created.",
                "schema": {
                  "type": "string",
                  "enum": [
                    "true"
                  ]
                }
              },
              "Cache-Control": {
                "description": "`no-store`: the body carries a secret (tokens, a partner secret); no browser or proxy cache may keep it.",
                "schema": {
                  "type": "string",
                  "const": "no-store"
                }
              },
              "X-Content-Type-Options": {
                "description": "`nosniff` on every response.",
                "schema": {
                  "type": "string",
                  "const": "nosniff"
                }
              }
            },
            "responses": {
              "Unauthorized": {
                "description": "Authentication failed: `INVALID_TOKEN` (no, malformed, badly signed or non-access token; unknown user), `EXPIRED_TOKEN`, or `USER_INACTIVE` (`details.user_id`). Carries `WWW-Authenticate: Bearer`.",
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/X-Request-ID"
                  },
                  "WWW-Authenticate": {
                    "$ref": "#/components/headers/WWW-Authenticate"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ErrorEnvelope"
                    }
                  }
                }
              },
              "Forbidden": {
                "description": "`FORBIDDEN`: the caller's stored role is not `admin` (`You do not have permission to perform this action.`).",
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/X-Request-ID"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ErrorEnvelope"
                    }
                  }
                }
              },
              "PayloadTooLarge": {
                "description": "`PAYLOAD_TOO_LARGE`: the request body is larger than 1 MiB.",
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/X-Request-ID"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ErrorEnvelope"
                    }
                  }
                }
              },
              "InternalError": {
                "description": "`INTERNAL_SERVER_ERROR`: an unexpected failure (`details.request_id`, `details.timestamp`).",
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/X-Request-ID"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ErrorEnvelope"
                    }
                  }
                }
              },
              "BadRequest": {
                "description": "`BAD_REQUEST`: the URL carries an encoded NUL (`%00`), which no identifier or filter of this API contains.",
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/X-Request-ID"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ErrorEnvelope"
                    }
                  }
                }
              },
              "ServiceUnavailable": {
                "description": "`SERVICE_UNAVAILABLE`: the database is unreachable or gave no connection within `DATABASE_LEASE_TIMEOUT_MS`; retry after `Retry-After` seconds. Nothing was written.",
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/X-Request-ID"
                  },
                  "Retry-After": {
                    "schema": {
                      "type": "string"
                    },
                    "description": "Seconds to wait before retrying."
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ErrorEnvelope"
                    }
                  }
                }
              }
            }
          }
        }
        """#
}
